// Conntrack entries as the lane compares them: the original and reply tuples (after NAT) and
// whether the kernel source- or destination-NATed the connection, read from `conntrack -L`
// lines (the kernel's and the simulator's, which prints the same format). Timeouts and TCP
// states differ by design (the lane lists after the connection closed) and are not compared.
// Ports the kernel picks at random (the client's ephemeral port, MASQUERADE --random-fully)
// are variables: each binds to one kernel port and must mean the same port everywhere.

export interface Tuple { readonly src: string; readonly dst: string; readonly sport: number; readonly dport: number }

export interface CtEntry {
  readonly proto: string;
  readonly orig: Tuple;
  readonly reply: Tuple;
  readonly snat: boolean;
  readonly dnat: boolean;
  readonly text: string;
}

const TUPLE = /src=(\S+) dst=(\S+) sport=(\d+) dport=(\d+)/g;

/** One `conntrack -L` line; NATed when a tuple changed (as the kernel sets IPS_SRC_NAT/IPS_DST_NAT). */
export function parseEntry(line: string): CtEntry | undefined {
  const tuples = [...line.matchAll(TUPLE)].map((m) => ({ src: m[1]!, dst: m[2]!, sport: Number(m[3]), dport: Number(m[4]) }));
  if (tuples.length < 2) return undefined;
  const [orig, reply] = tuples as [Tuple, Tuple];
  return {
    proto: line.trim().split(/\s+/)[0]!, orig, reply, text: line.trim(),
    snat: (reply.dst !== orig.src || reply.dport !== orig.sport),
    dnat: (reply.src !== orig.dst || reply.sport !== orig.dport),
  };
}

/** Port bindings: simulator port -> kernel port. */
export type Bindings = Map<number, number>;

function portMatches(sim: number, kernel: number, variables: ReadonlySet<number>, b: Bindings): boolean {
  if (!variables.has(sim)) return sim === kernel;
  const bound = b.get(sim);
  if (bound !== undefined) return bound === kernel;
  b.set(sim, kernel);
  return true;
}

function tupleMatches(s: Tuple, k: Tuple, variables: ReadonlySet<number>, b: Bindings): boolean {
  return s.src === k.src && s.dst === k.dst && portMatches(s.sport, k.sport, variables, b) && portMatches(s.dport, k.dport, variables, b);
}

function entryMatches(s: CtEntry, k: CtEntry, variables: ReadonlySet<number>, b: Bindings): boolean {
  return s.proto === k.proto && s.snat === k.snat && s.dnat === k.dnat
    && tupleMatches(s.orig, k.orig, variables, b) && tupleMatches(s.reply, k.reply, variables, b);
}

/**
 * Whether the simulator's entries on every host equal the kernel's, one to one, under one
 * consistent binding of the variable ports. Returns the bindings, or undefined.
 */
export function matchTables(
  sim: ReadonlyMap<string, readonly CtEntry[]>, kernel: ReadonlyMap<string, readonly CtEntry[]>,
  variables: ReadonlySet<number>, initial: Bindings,
): Bindings | undefined {
  const hosts = [...new Set([...sim.keys(), ...kernel.keys()])].sort();
  const pairs: { s: CtEntry[]; k: CtEntry[] }[] = hosts.map((h) => ({ s: [...(sim.get(h) ?? [])], k: [...(kernel.get(h) ?? [])] }));
  if (pairs.some((p) => p.s.length !== p.k.length)) return undefined;
  const flat = pairs.flatMap((p, hi) => p.s.map((s) => ({ s, hi })));
  const used = pairs.map((p) => p.k.map(() => false));
  const search = (i: number, b: Bindings): Bindings | undefined => {
    if (i === flat.length) return b;
    const { s, hi } = flat[i]!;
    for (let j = 0; j < pairs[hi]!.k.length; j++) {
      if (used[hi]![j]) continue;
      const trial = new Map(b);
      if (!entryMatches(s, pairs[hi]!.k[j]!, variables, trial)) continue;
      used[hi]![j] = true;
      const done = search(i + 1, trial);
      if (done) return done;
      used[hi]![j] = false;
    }
    return undefined;
  };
  return search(0, new Map(initial));
}
