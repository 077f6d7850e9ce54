/**
 * The public notes the server writes itself are recognised by the resident tracker, which shows them in the
 * reader's language: the two must keep the very same Chinese text.
 */
import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import {
  extendedPublicNote,
  mergedPublicNote,
  RETURNED_PUBLIC_NOTE,
  UNSATISFIED_REOPEN_PUBLIC_NOTE,
} from '../../api/src/modules/issues/issue-workflow.service';
import { zhCN } from '../../widgets/src/internal/strings-zh-cn';

describe("the server's public notes and the tracker's", () => {
  it('are the same text in Simplified Chinese', () => {
    assert.equal(zhCN.systemNoteReturned, RETURNED_PUBLIC_NOTE);
    assert.equal(zhCN.systemNoteReopened, UNSATISFIED_REOPEN_PUBLIC_NOTE);
    assert.equal(zhCN.systemNoteExtended('2026-12-14 17:30'), extendedPublicNote('2026-12-14 17:30'));
    assert.equal(zhCN.systemNoteMerged('LM-7K3Q-9XW2-HD4M'), mergedPublicNote('LM-7K3Q-9XW2-HD4M'));
  });
});
