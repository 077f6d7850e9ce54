/**
 * The widgets' words, as one small typed table per locale (smaller than a
 * localisation runtime). Simplified Chinese (zh-CN) is the default; English,
 * or Traditional Chinese (zh-TW, zh-HK), when the element's `lang`, an
 * ancestor's or the page's `<html lang>` says so. The Traditional tables are
 * generated from the Simplified one (widgets/scripts/generate-traditional.ts).
 */
import { zhHK } from '../../generated/strings-zh-hk';
import { zhTW } from '../../generated/strings-zh-tw';
import { zhCN } from './strings-zh-cn';

export type Locale = 'zh-CN' | 'zh-TW' | 'zh-HK' | 'en';

export type Strings = typeof zhCN;

const en: Strings = {
  loading: 'Loading…',
  retry: 'Retry',
  networkError: 'Could not reach the server. Please try again later.',
  genericError: 'Something went wrong. Please try again later.',
  reconnecting: 'Connection lost, reconnecting…',
  required: 'required',
  unavailable: 'This service is not available at the moment.',
  optional: 'optional',
  formTitle: 'Report a problem',
  category: 'Category',
  chooseCategory: 'Choose a category',
  description: 'Description',
  descriptionHint: 'What happened, where, and for how long.',
  charCount: (n, max) => `${n} / ${max} characters`,
  location: 'Where is it?',
  chooseRegion: 'Choose',
  grid: 'Grid',
  chooseGrid: 'Choose a grid',
  useMyLocation: 'Use my location',
  orChooseGrid: 'Or choose the grid yourself:',
  locating: 'Finding your location…',
  locatedIn: (grid) => `Located in: ${grid}`,
  outsideGrids: 'Your location is outside every grid; please choose one.',
  locationUnavailable: 'Your location is not available; please choose a grid.',
  selectedGrid: (grid) => `Grid: ${grid}`,
  changeGrid: 'Choose another grid',
  name: 'Name',
  phone: 'Mobile phone',
  anonymous: 'Report anonymously',
  privacy: 'Your name and phone are used only for the follow-up call and never published. If the network drops, the report waits on this device (without name and phone) and is deleted once it is sent.',
  submit: 'Submit',
  submitting: 'Submitting…',
  missingCategory: 'Please choose a category.',
  missingDescription: 'Please describe the problem.',
  missingGrid: 'Please choose the grid where it is, or use your location.',
  badPhone: 'Enter an 11-digit mobile number, or leave it empty.',
  savedOffline: 'The network dropped. Your report is saved on this device and will be sent when you are back online, never twice.',
  savedRetrying: 'Your report could not be sent yet. It is saved on this device and will be sent again shortly, never twice.',
  sendNow: 'Send now',
  resubmitting: 'Sending the report you started earlier…',
  submitted: 'Your report has been received.',
  trackingCode: 'Tracking code',
  trackingHint: 'Keep this code to follow your report.',
  copy: 'Copy code',
  copied: 'Copied',
  copyFailed: 'Could not copy; please note the code down.',
  newReport: 'Report another problem',
  rateLimited: 'Too many reports; please try again in a minute.',
  trackerTitle: 'Progress',
  trackingCodeInput: 'Tracking code',
  track: 'Track',
  codeFormat: 'Looks like LM-7K3Q-9XW2-HD4M',
  missingCode: 'Please enter a tracking code.',
  recentCodes: 'Recent codes on this device',
  forgetCodes: 'Forget them',
  notFound: 'No report has this tracking code. Please check it and try again.',
  currentStatus: (status) => `Current status: ${status}`,
  statusChanged: (status) => `Status changed to: ${status}`,
  category_: 'Category',
  gridName: 'Grid',
  photos: 'Photos',
  addPhotos: 'Add photos',
  photosHint: (n, max) => `${n} of ${max} added; large pictures are shrunk before upload, and their location data is never published.`,
  photoAlt: (n) => `Photo ${n}`,
  removePhoto: (n) => `Remove photo ${n}`,
  photosAdded: (n) => `${n} photo(s) added`,
  photoRemoved: (n) => `Photo ${n} removed`,
  photoLimit: (max) => `At most ${max} photos.`,
  photoRefused: 'A photo could not be uploaded (unsupported or too large); remove it and try again.',
  stageReport: 'Reported',
  stageBefore: 'Before',
  stageAfter: 'After',
  submittedAt: 'Submitted',
  dueAt: 'Due',
  timeline: 'History',
  steps: 'Steps',
  rejectedNote: 'This report was not accepted.',
  returnedNote: 'Sent back by the handling unit; it is being re-dispatched and will still be handled.',
  dueExtended: 'Due (extended)',
  mergedNote: 'Your report is handled together with the same problem; follow this code:',
  systemNoteReturned: 'Being re-dispatched.',
  systemNoteReopened: 'Following your return-visit feedback, it has been handed back to be handled again.',
  systemNoteExtended: (until) => `The time limit was extended to ${until}.`,
  systemNoteMerged: (code) => `Handled together with the same problem: follow the progress of ${code}.`,
  supervised: 'Supervised',
  urged: 'Urged',
  urgeNote: (note) => `Supervisor’s note: ${note}`,
  feedTitle: 'Live feed',
  feedSignIn: 'Sign in to see the issues in your care.',
  sessionExpired: 'Your sign-in has expired; please sign in again.',
  feedEmpty: 'Waiting for new events…',
  feedLive: 'Live',
  overdue: 'Overdue',
  newEvent: (event, title) => `New: ${event}, ${title}`,
  statsTitle: 'Every case gets a response',
  total: 'Cases',
  open: 'Open',
  overdueCount: 'Overdue',
  resolutionRate: 'Resolved',
  onTimeRate: 'Resolved on time',
  satisfactionRate: 'Satisfied',
  noFollowUps: 'No follow-ups yet',
  status: {
    SUBMITTED: 'Submitted',
    ACCEPTED: 'Accepted',
    ASSIGNED: 'Assigned',
    IN_PROGRESS: 'In progress',
    RESOLVED: 'Resolved',
    FOLLOWED_UP: 'Followed up',
    CLOSED: 'Closed',
    REJECTED: 'Not accepted',
    RETURNED: 'Being re-dispatched',
    MERGED: 'Merged',
  },
  event: {
    SUBMITTED: 'Submitted',
    ACCEPTED: 'Accepted',
    REJECTED: 'Not accepted',
    ASSIGNED: 'Assigned',
    ESCALATED: 'Escalated',
    STARTED: 'Work started',
    COMMENTED: 'Update',
    RESOLVED: 'Resolved',
    FOLLOWED_UP: 'Followed up',
    REOPENED: 'Reopened',
    CLOSED: 'Closed',
    OVERDUE: 'Overdue',
    PHOTOS_ADDED: 'Photos added',
    PHOTO_VISIBILITY_CHANGED: 'Photo visibility changed',
    RETURNED: 'Sent back for re-dispatch',
    RETURN_REFUSED: 'Return refused',
    REASSIGNED: 'Reassigned',
    EXTENSION_REQUESTED: 'Extension requested',
    EXTENSION_APPROVED: 'Extension approved',
    EXTENSION_DENIED: 'Extension denied',
    URGED: 'Urged',
    SUPERVISED: 'Under supervision',
    UNSUPERVISED: 'Supervision ended',
    MERGED: 'Merged',
    DUE_SOON: 'Due soon',
  },
  level: {
    CITY: 'City',
    COUNTY: 'District / county',
    TOWNSHIP: 'Street / township',
    COMMUNITY: 'Community / village',
  },
};

const TABLES: Record<Locale, Strings> = { 'zh-CN': zhCN, 'zh-TW': zhTW, 'zh-HK': zhHK, en };

/**
 * The locale a `lang` value asks for: English for `en…`; Traditional for
 * `zh-TW`, `zh-Hant…` (Taiwan forms) and `zh-HK`, `zh-MO`, `zh-Hant-HK` (Hong Kong
 * forms); Simplified Chinese otherwise (`zh`, `zh-CN`, `zh-Hans`, `zh-SG`, anything else).
 */
export function localeOf(lang: string | null | undefined): Locale {
  const tag = (lang ?? '').trim().toLowerCase().replace(/_/g, '-');
  if (/^en\b/.test(tag)) return 'en';
  if (/^zh-(hant-)?(hk|mo)\b/.test(tag)) return 'zh-HK';
  if (/^zh-(hant|tw)\b/.test(tag)) return 'zh-TW';
  return 'zh-CN';
}

/** The element's own `lang` (property or attribute), else the nearest ancestor's, else the page's. */
export function resolveLocale(host: HTMLElement, ownLang?: string): Locale {
  const own = ownLang || host.getAttribute('lang');
  if (own) return localeOf(own);
  const ancestor = host.parentElement?.closest('[lang]')?.getAttribute('lang');
  return localeOf(ancestor || document.documentElement.lang);
}

export function stringsFor(locale: Locale): Strings {
  return TABLES[locale];
}

/** A category group as seeded ("物业管理 / Property") in the reader's language. */
export function groupLabel(group: string, locale: Locale): string {
  const [zhPart, enPart] = group.split(' / ');
  return (locale === 'en' ? enPart : zhPart) || group;
}
