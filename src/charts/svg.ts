/** Small builders for the SVG the charts are drawn in; every text goes through escapeXml. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

type Attributes = Record<string, string | number | undefined>;

function attributes(attrs: Attributes): string {
  return Object.entries(attrs)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` ${name}="${typeof value === "number" ? Number(value.toFixed(2)) : escapeXml(value!)}"`)
    .join("");
}

export function element(name: string, attrs: Attributes, children = ""): string {
  return children ? `<${name}${attributes(attrs)}>${children}</${name}>` : `<${name}${attributes(attrs)}/>`;
}

export function text(x: number, y: number, content: string, attrs: Attributes = {}): string {
  return element("text", { x, y, ...attrs }, escapeXml(content));
}

export function svgDocument(width: number, height: number, body: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans">${element("rect", { width, height, fill: "#ffffff" })}${body.join("")}</svg>`;
}

/** Cuts text to `max` characters, since SVG text does not wrap. */
export function clip(content: string, max: number): string {
  return content.length <= max ? content : `${content.slice(0, max - 1).trimEnd()}…`;
}
