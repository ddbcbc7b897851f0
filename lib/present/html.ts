/**
 * HTML escaping for text that reaches a rendered page.
 *
 * Article text is hostile: titles, bylines and bodies may hold markup. Every
 * string this project renders into HTML passes through {@linkcode escapeHtml}.
 *
 * @module
 */

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes `&`, `<`, `>`, `"` and `'` so that `text` is inert inside HTML
 * element content and inside quoted attribute values.
 *
 * @example
 * ```ts
 * escapeHtml('<b title="x">Tom & Jerry\'s</b>');
 * // "&lt;b title=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/b&gt;"
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * Builds one HTML element whose text content is escaped and whose attribute
 * values are escaped. Attribute names must be plain identifiers.
 *
 * @example
 * ```ts
 * htmlElement("td", "<script>", { style: "text-align:right" });
 * // '<td style="text-align:right">&lt;script&gt;</td>'
 * ```
 */
export function htmlElement(
  tag: string,
  text: string,
  attributes: Record<string, string> = {},
): string {
  if (!/^[a-z][a-z0-9]*$/.test(tag)) {
    throw new Error(`htmlElement: tag ${JSON.stringify(tag)} is not a plain lower-case tag name`);
  }
  let attrs = "";
  for (const [name, value] of Object.entries(attributes)) {
    if (!/^[a-z][a-z0-9-]*$/.test(name)) {
      throw new Error(
        `htmlElement: attribute name ${JSON.stringify(name)} is not a plain lower-case name`,
      );
    }
    attrs += ` ${name}="${escapeHtml(value)}"`;
  }
  return `<${tag}${attrs}>${escapeHtml(text)}</${tag}>`;
}
