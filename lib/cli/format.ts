// Text the CLI commands print or draw: numbers with separators, sizes with SI prefixes, and
// text escaped for the SVG labels drawn with sharp.

/** A whole number with thousands separators: 1,234,567. */
export const formatCount = (value: number): string => value.toLocaleString('en-US');

/** A value with an SI prefix and three significant digits: 16.6 MB, 2.10 G; below 1,000 as it is. */
export function formatScaled(value: number, unit = ''): string {
  const steps: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  const [scale, prefix] = steps.find(([limit]) => value >= limit) ?? [1, ''];
  return `${scale === 1 ? value : (value / scale).toPrecision(3)} ${prefix}${unit}`.trim();
}

/** Text for an SVG text element. */
export const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
