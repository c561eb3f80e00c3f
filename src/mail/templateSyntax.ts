import { lazy } from '../lazy.ts';
import { handlebars } from './handlebars.ts';

/**
 * What in a Handlebars template can put something into the output without HTML escaping, read from
 * the template's syntax tree (never from its text: whitespace control, comments and escaped
 * mustaches make text patterns both miss and misfire).
 */
export type RawOutput = 'unescaped' | 'partial' | 'raw-block' | 'decorator';

export const RAW_OUTPUT_PROBLEMS: Record<RawOutput, string> = {
  unescaped: 'uses raw output ({{{ }}} or {{& }}); values are always escaped, use {{ }}',
  partial: 'uses a partial ({{> }}); templates cannot include other templates, except the mail layout as {{#> mailLayout}}…{{/mailLayout}} in the html and text parts',
  'raw-block': 'uses a raw block ({{{{ }}}}); write the text as it is instead',
  decorator: 'uses a decorator ({{* }}) or an inline partial ({{#*inline}}); templates cannot define them',
};

/**
 * The one partial a template may use: the shipped mail layout, as a block around the mail's body
 * (`{{#> mailLayout}}…{{/mailLayout}}`), named literally and given nothing: it reads the organisation's
 * look from the mail's data, which no template can change.
 */
export const MAIL_LAYOUT = 'mailLayout';

function isMailLayout(node: hbs.AST.Node): boolean {
  if (node.type !== 'PartialBlockStatement') return false;
  const block = node as hbs.AST.PartialBlockStatement;
  const name = block.name as hbs.AST.PathExpression;
  return name.type === 'PathExpression' && !name.data && name.original === MAIL_LAYOUT && !block.params.length && !block.hash;
}

/** Syntax that can emit what it likes, whatever it holds. */
const RAW_BY_NODE: Readonly<Record<string, RawOutput>> = {
  PartialStatement: 'partial', PartialBlockStatement: 'partial', Decorator: 'decorator', DecoratorBlock: 'decorator',
};

/** A class made on first use: its base class is Handlebars', which is loaded then. */
const rawOutputFinder = lazy(() => class RawOutputFinder extends handlebars().Visitor {
  readonly found = new Set<RawOutput>();
  readonly unescaped: hbs.AST.MustacheStatement[] = [];
  readonly #lineStarts: number[];
  readonly #source: string;
  readonly #layoutAllowed: boolean;

  constructor(source: string, layoutAllowed: boolean) {
    super();
    this.#source = source;
    this.#layoutAllowed = layoutAllowed;
    this.#lineStarts = [0];
    for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) this.#lineStarts.push(i + 1);
  }

  override accept(node: hbs.AST.Node): void {
    if (!node) return;
    const raw = RAW_BY_NODE[node.type];
    if (raw && !(this.#layoutAllowed && isMailLayout(node))) this.found.add(raw);
    if (node.type === 'MustacheStatement' && !(node as hbs.AST.MustacheStatement).escaped) {
      this.found.add('unescaped');
      this.unescaped.push(node as hbs.AST.MustacheStatement);
    }
    // The parser gives a raw block ({{{{name}}}}…{{{{/name}}}}) the shape of an ordinary block.
    if (node.type === 'BlockStatement' && this.#source.startsWith('{{{{', (this.#lineStarts[node.loc.start.line - 1] ?? 0) + node.loc.start.column)) this.found.add('raw-block');
    super.accept(node);
  }
});
type RawOutputFinder = InstanceType<ReturnType<typeof rawOutputFinder>>;

function find(source: string, layoutAllowed: boolean): { program: hbs.AST.Program; finder: RawOutputFinder } {
  const program = handlebars().parse(source);
  const finder = new (rawOutputFinder())(source, layoutAllowed);
  finder.accept(program);
  return { program, finder };
}

/**
 * Each kind of raw output the template uses, once. Throws Handlebars' parse error for broken syntax.
 * `layoutAllowed`: the part may be wrapped in the mail layout (html and text; never the subject).
 */
export function rawOutputIn(source: string, layoutAllowed = false): RawOutput[] {
  return [...find(source, layoutAllowed).finder.found];
}

/**
 * The template as a syntax tree that can only emit escaped values: every mustache is made an
 * escaping one. Partials (but the mail layout), raw blocks and decorators cannot be made safe that
 * way and are refused.
 */
export function escapingProgram(source: string): hbs.AST.Program {
  const { program, finder } = find(source, true);
  const unfixable = [...finder.found].filter((kind) => kind !== 'unescaped');
  if (unfixable.length) throw new Error(`The template ${unfixable.map((kind) => RAW_OUTPUT_PROBLEMS[kind]).join('; ')}.`);
  for (const mustache of finder.unescaped) mustache.escaped = true;
  return program;
}
