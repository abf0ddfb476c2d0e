import { formatNumber } from './format-number.js';

/** A link label without brackets: '0:v', '1:a', 'v0'. */
export type Pad = string;
export type FilterArgValue = string | number;
/** Named options (`scale=w=1280:h=-2`) or positional ones (`split=3`). */
export type FilterArgs = Readonly<Record<string, FilterArgValue>> | readonly FilterArgValue[];
export interface FilterStep {
  filter: string;
  args?: FilterArgs;
}

/** Filter names are code, never user text; this also rules out `name@instance` and anything the graph parser splits on. */
const FILTER_NAME = /^[a-z0-9_]+$/;
const PAD_LABEL = /^[A-Za-z0-9_:]+$/;
/** Option names are lowercase almost everywhere, but loudnorm's are `I`, `LRA`, `TP`. */
const OPTION_NAME = /^[A-Za-z0-9_]+$/;
/**
 * A label that starts with a file index ('0', '0:v', '1:a:0', '0:1') names a stream of an input file.
 * ffmpeg reads any label no filter produces as a stream specifier, so we reserve this shape for inputs.
 */
const STREAM_SPECIFIER = /^\d+(?::|$)/;
/**
 * What ffmpeg's option parser (libavutil/opt.c `get_key`, whitespace " \n\t\r") reads as `key=` at the start of
 * an option. A positional value that starts like this is taken as a named option: `metadata=add:t:a=b` fails
 * with "Option 'a' not found".
 */
const LOOKS_LIKE_KEY = /^[ \n\t\r]*([A-Za-z0-9_\-/.]*)[ \n\t\r]*=/;

/**
 * Builds one -filter_complex string. Labels are chosen by the caller, the output is deterministic (tests compare it
 * verbatim), and misuse throws here rather than surfacing as an ffmpeg error at encode time.
 *
 * Pad rules, checked against ffmpeg 5.1:
 * - A labelled output may be produced once and consumed once. ffmpeg does not fail a second consumer with a clear
 *   message: the unlinked label falls through to stream-specifier lookup ("Stream specifier 'a' ... matches no
 *   streams"). Use {@link FilterGraph.split} to fan out.
 * - An input stream specifier (`0:v`, `1:a:0`) may be consumed by any number of chains: ffmpeg feeds every filter
 *   input bound to the same input stream with its own copy of the decoded frames, no `split` needed.
 * - A pad must be produced before it is consumed. ffmpeg itself accepts forward references, but requiring data-flow
 *   order catches typos at the call site and keeps the string readable top to bottom.
 * - Every produced pad that no filter consumes must be `-map`ped, or ffmpeg fails with "Filter X has an unconnected
 *   output"; {@link FilterGraph.unconsumedOutputs} lists them for that check.
 */
export class FilterGraph {
  private readonly chains: string[] = [];
  private readonly produced = new Set<Pad>();
  private readonly consumed = new Set<Pad>();

  /** One filter with explicit inputs and outputs; returns the output pads. */
  add(step: { inputs: readonly Pad[]; filter: string; args?: FilterArgs; outputs: readonly Pad[] }): Pad[] {
    this.commit(step.inputs, [formatFilter(step)], step.outputs);
    return [...step.outputs];
  }

  /** A linear chain written as one comma-joined chain: `[in]f1=..,f2=..[out]`; returns `out`. */
  chain(input: Pad | readonly Pad[], steps: readonly FilterStep[], output: Pad): Pad {
    if (steps.length === 0) {
      throw new Error(`Chain to [${output}] has no filters; a chain needs at least one step`);
    }
    const inputs = typeof input === 'string' ? [input] : input;
    this.commit(inputs, steps.map(formatFilter), [output]);
    return output;
  }

  /** `split` (video) or `asplit` (audio) into `count` pads named `${prefix}${i}`. */
  split(input: Pad, count: number, prefix: string, kind: 'video' | 'audio' = 'video'): Pad[] {
    if (!Number.isInteger(count) || count < 1) {
      throw new RangeError(`Cannot split [${input}] into ${count} pads; count must be a positive integer`);
    }
    const outputs = Array.from({ length: count }, (_, index) => `${prefix}${index}`);
    return this.add({ inputs: [input], filter: kind === 'audio' ? 'asplit' : 'split', args: [count], outputs });
  }

  /** Pads produced but not consumed, in the order they were produced: each must be `-map`ped. */
  unconsumedOutputs(): Pad[] {
    return [...this.produced].filter((pad) => !this.consumed.has(pad));
  }

  /** Chains joined by ';', in the order they were added. */
  toString(): string {
    return this.chains.join(';');
  }

  /** Validates everything first, so a step that throws leaves the graph unchanged. */
  private commit(inputs: readonly Pad[], filters: readonly string[], outputs: readonly Pad[]): void {
    if (outputs.length === 0) {
      // An unlabelled output in -filter_complex is auto-mapped into the output file, invisible to unconsumedOutputs().
      throw new Error(`Filter '${filters.join(',')}' needs at least one labelled output`);
    }
    const consumedHere = new Set<Pad>();
    for (const pad of inputs) {
      assertPadLabel(pad);
      if (isStreamSpecifier(pad)) continue;
      if (!this.produced.has(pad)) {
        throw new Error(
          `Pad [${pad}] is consumed before any filter produces it; add its producer first (input streams are written like 0:v)`,
        );
      }
      if (this.consumed.has(pad) || consumedHere.has(pad)) {
        throw new Error(`Pad [${pad}] is already consumed; feed it through split (or asplit) to use it twice`);
      }
      consumedHere.add(pad);
    }
    const producedHere = new Set<Pad>();
    for (const pad of outputs) {
      assertPadLabel(pad);
      if (isStreamSpecifier(pad)) {
        throw new Error(
          `Pad [${pad}] would be read as an input stream specifier; output labels must not start with a file index`,
        );
      }
      if (this.produced.has(pad) || producedHere.has(pad)) {
        throw new Error(
          `Pad [${pad}] is already produced; choose another label, or split the first one to use it twice`,
        );
      }
      producedHere.add(pad);
    }
    for (const pad of consumedHere) this.consumed.add(pad);
    for (const pad of producedHere) this.produced.add(pad);
    this.chains.push(`${inputs.map(bracket).join('')}${filters.join(',')}${outputs.map(bracket).join('')}`);
  }
}

/**
 * Escapes one option value for use inside -filter_complex. ffmpeg un-escapes twice: first the filtergraph
 * parser (specials \ ' [ ] , ;), then the option parser (specials \ ' :). So we escape for the option
 * parser first, then for the graph. See ffmpeg-filters, "Notes on filtergraph escaping".
 *
 * Both parsers also drop unescaped leading and trailing whitespace (av_get_token), so ' a ' arrives as 'a';
 * verified with ffmpeg 5.1 in filter-graph.media-spec.ts. Nothing here should depend on edge whitespace.
 * Filters that expand their own syntax (drawtext's `%{...}`) see the unescaped value: user text never goes there.
 */
export function escapeFilterArg(value: string): string {
  const forOptionParser = value.replace(/[\\':]/g, (char) => `\\${char}`);
  return forOptionParser.replace(/[\\'[\],;]/g, (char) => `\\${char}`);
}

const bracket = (pad: Pad): string => `[${pad}]`;

const isStreamSpecifier = (pad: Pad): boolean => STREAM_SPECIFIER.test(pad);

function assertPadLabel(pad: Pad): void {
  if (!PAD_LABEL.test(pad)) {
    throw new Error(
      `Invalid pad label ${JSON.stringify(pad)}; labels match ${PAD_LABEL} and are written without brackets`,
    );
  }
}

function formatFilter(step: FilterStep): string {
  if (!FILTER_NAME.test(step.filter)) {
    throw new Error(`Invalid filter name ${JSON.stringify(step.filter)}; filter names match ${FILTER_NAME}`);
  }
  return `${step.filter}${formatArgs(step.filter, step.args)}`;
}

function isPositional(args: FilterArgs): args is readonly FilterArgValue[] {
  return Array.isArray(args);
}

function formatArgs(filter: string, args: FilterArgs | undefined): string {
  if (args === undefined) return '';
  const parts = isPositional(args)
    ? args.map((value) => formatPositional(filter, value))
    : Object.entries(args).map(([key, value]) => {
        if (!OPTION_NAME.test(key)) {
          throw new Error(
            `Invalid option name ${JSON.stringify(key)} for '${filter}'; option names match ${OPTION_NAME}`,
          );
        }
        return `${key}=${formatValue(value)}`;
      });
  return parts.length > 0 ? `=${parts.join(':')}` : '';
}

function formatPositional(filter: string, value: FilterArgValue): string {
  if (typeof value === 'string') {
    const key = LOOKS_LIKE_KEY.exec(value);
    if (key) {
      throw new Error(
        `Positional argument ${JSON.stringify(value)} for '${filter}' would be read as option '${key[1]}'; pass it as a named option`,
      );
    }
  }
  return formatValue(value);
}

const formatValue = (value: FilterArgValue): string =>
  typeof value === 'number' ? formatNumber(value) : escapeFilterArg(value);
