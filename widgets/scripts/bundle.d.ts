/** Types of bundle.js (plain JavaScript, so the install and the start need no TypeScript loader). */
export declare const WIDGETS_DIR: string;
export declare const BUNDLE_FILE: string;
export declare const BUNDLE_BUDGET_GZIP_BYTES: number;
export interface WidgetBundle {
  code: string;
  /** Every source file that went into the bundle, relative to the widgets folder. */
  inputs: string[];
}
/** Bundles the widgets; writes `outfile` when given, and always returns the code and its inputs. */
export declare function bundleWidgets(options?: { outfile?: string }): Promise<WidgetBundle>;
/** True when the bundle file is missing or older than one of its sources. */
export declare function bundleIsStale(): boolean;
export declare const CONSOLE_BUNDLE_FILE: string;
export declare const CONSOLE_BUDGET_GZIP_BYTES: number;
export declare function bundleConsole(options?: { outfile?: string }): Promise<WidgetBundle>;
export declare function buildBundles(): Promise<void>;
