import { XMLParser } from 'fast-xml-parser';

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false, // ids such as UserID "1001" stay strings
  trimValues: true,
  isArray: (name) => name === 'Item',
  processEntities: false,
});

/** Parses WeCom's `<xml>…</xml>` envelope or decrypted event into a flat object. */
export function parseWecomXml(xml: string): Record<string, unknown> {
  const doc = parser.parse(xml) as { xml?: unknown };
  if (!doc || typeof doc.xml !== 'object' || doc.xml === null)
    throw new Error('not a WeCom <xml> document');
  return doc.xml as Record<string, unknown>;
}
