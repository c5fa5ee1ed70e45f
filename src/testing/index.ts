// `omni-query-hooks/testing`: test your components without an Omni instance. Everything a user may
// import is listed here, explicitly. No msw import on this path: msw handlers live in
// `omni-query-hooks/testing/msw`.

export { createFakeOmni } from './createFakeOmni.js';
export type {
  FakeDocumentQuery,
  FakeEndpoint,
  FakeFault,
  FakeHttpFault,
  FakeJob,
  FakeJobSpec,
  FakeJobState,
  FakeOmni,
  FakeOmniOptions,
  FakeOmniStats,
  FakeRequest,
  FakeRunBody,
  FakeRunJob,
  FakeRunRule,
} from './FakeOmni.js';
export type { OmniRunBody } from '../client/OmniClient.js';
export { arrowResult } from './arrowResult.js';
export type { ArrowResult, ArrowResultOptions, FakeColumnType, FakeField } from './arrowResult.js';
export { arrowBase64, bytesToBase64 } from './arrowBase64.js';
export { summaryFor } from './summaryFor.js';
export type { SummaryForOptions } from './summaryFor.js';
export { docsJobLine, footerLine, headerLine, ndjson, streamErrorLine, unknownJobLine } from './wireLines.js';
export type { WireObject } from './wireLines.js';
