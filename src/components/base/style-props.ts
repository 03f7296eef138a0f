import { noChange } from 'lit';
import { Directive, directive, PartType, type AttributePart, type PartInfo } from 'lit/directive.js';

type StyleProps = Readonly<Record<string, string | number | null | undefined>>;

/**
 * Sets CSS properties through the CSSOM only (`element.style.setProperty`), never through a
 * `style` attribute. Lit's styleMap writes the attribute on its first render, which a strict
 * Content-Security-Policy (`style-src 'self'`, no 'unsafe-inline') refuses; CSSOM writes are
 * allowed. Use as `style=${styleProps({ left: '10%', fill: 'var(--x)' })}`.
 */
class StylePropsDirective extends Directive {
  private previous = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ATTRIBUTE || part.name !== 'style') {
      throw new Error('styleProps() belongs in a style attribute binding: style=${styleProps({...})}');
    }
  }

  render(_props: StyleProps): typeof noChange {
    return noChange;
  }

  override update(part: AttributePart, [props]: [StyleProps]): typeof noChange {
    const style = (part.element as HTMLElement | SVGElement).style;
    for (const name of this.previous) {
      if (props[name] === undefined || props[name] === null) style.removeProperty(name);
    }
    for (const [name, value] of Object.entries(props)) {
      if (value !== undefined && value !== null) style.setProperty(name, String(value));
    }
    this.previous = new Set(Object.keys(props));
    return noChange;
  }
}

export const styleProps = directive(StylePropsDirective);
