/** Registers `<lm-report-form>` (once, however often the bundle is loaded). */
import { defineOnce } from '../internal/define';
import { LmReportForm } from './report-form.component';

export { LmReportForm };
defineOnce('lm-report-form', LmReportForm);

declare global {
  interface HTMLElementTagNameMap {
    'lm-report-form': LmReportForm;
  }
}
