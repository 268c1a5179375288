/**
 * Placeholders in outgoing URLs, headers and bodies, filled by mustache. Each place escapes its
 * own way: a URL encodes each value as a URI component, a header drops line breaks, and a JSON
 * body fills each string of the body and then serialises the whole, so that a quote or a
 * newline in a guest's name can never break the JSON.
 */
import Mustache from "mustache";

export type TemplateView = Record<string, unknown>;

const render = (template: string, view: TemplateView, escape: (value: string) => string) =>
  Mustache.render(template, view, {}, { escape: (value: unknown) => escape(String(value)) });

export const renderUrl = (template: string, view: TemplateView) => render(template, view, encodeURIComponent);

export const renderHeader = (template: string, view: TemplateView) => render(template, view, (value) => value.replace(/[\r\n]+/g, " "));

/** Every string in `body`, filled; the caller serialises the result with JSON.stringify. */
export function renderJson(body: unknown, view: TemplateView): unknown {
  if (typeof body === "string") return render(body, view, (value) => value);
  if (Array.isArray(body)) return body.map((item) => renderJson(item, view));
  if (body && typeof body === "object") return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, renderJson(value, view)]));
  return body;
}

export function renderHeaders(headers: Record<string, string>, view: TemplateView): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, renderHeader(value, view)]));
}

export const escapeXml = (text: string) =>
  text.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!);
