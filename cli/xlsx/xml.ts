import { SaxesParser, type SaxesTagPlain } from 'saxes';

/** What a part parser reacts to: element names arrive without their namespace prefix (`x:row` → `row`). */
export interface XmlHandlers {
  open(name: string, attributes: Record<string, string>): void;
  text(text: string): void;
  close(name: string): void;
}

const local = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * A streaming XML reader for one part: bytes in (any chunking; UTF-8 split across chunks is fine),
 * events out. Malformed XML throws from `write`/`end` (saxes throws when no error handler is set).
 */
export class XmlStream {
  private readonly parser = new SaxesParser();
  private readonly decoder = new TextDecoder('utf-8');

  constructor(handlers: XmlHandlers) {
    this.parser.on('opentag', (tag: SaxesTagPlain) => handlers.open(local(tag.name), tag.attributes));
    this.parser.on('closetag', (tag: SaxesTagPlain) => handlers.close(local(tag.name)));
    this.parser.on('text', (text: string) => handlers.text(text));
    this.parser.on('cdata', (text: string) => handlers.text(text));
  }

  write(bytes: Uint8Array): void {
    this.parser.write(this.decoder.decode(bytes, { stream: true }));
  }

  end(): void {
    this.parser.write(this.decoder.decode());
    this.parser.close();
  }
}

/** Parses a whole part (small ones: workbook, relationships) or a streamed one (shared strings) to its end. */
export async function parseXml(bytes: AsyncIterable<Uint8Array>, handlers: XmlHandlers): Promise<void> {
  const xml = new XmlStream(handlers);
  for await (const chunk of bytes) xml.write(chunk);
  xml.end();
}
