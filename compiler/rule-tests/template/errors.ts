// Why a template has no rendering stackc can put in a generated test. Each says what, in the user's words.

/** A template stackc does not render for a generated test; `reason` completes "the template …". */
export class UnrenderableTemplate extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Go's template engine fails on it: Prometheus would put `<error expanding template: …>` in the annotation. */
export class TemplateError extends UnrenderableTemplate {
  constructor(goError: string) {
    super(`fails in Prometheus' template engine (${goError}), so the alert would carry "<error expanding template: …>"`);
  }
}

/** It needs what only a running Prometheus has: a query, the evaluation time, the external URL. */
export class NotOffline extends UnrenderableTemplate {
  constructor(what: string) {
    super(`uses ${what}, which only a running Prometheus can evaluate`);
  }
}

/** Go renders it, stackc's renderer does not (yet). */
export class Unsupported extends UnrenderableTemplate {
  constructor(what: string) {
    super(`uses ${what}, which stackc does not render`);
  }
}
