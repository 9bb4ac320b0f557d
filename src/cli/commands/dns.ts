// `kubehops dns -f S --query NAME [--type T]`: the cluster DNS server's answer, as `dig` shows
// it; `kubehops dns -f S --from pod/NS/NAME NAME [--type A|AAAA]`: the pod's resolver asking
// for NAME, every query in order with its answer, and what getaddrinfo returns (issue 7).

import {
  query, renderRecord, renderResolvConf, renderResponse, resolveFromPod, type AddressType, type DnsRecord,
} from '../../engine';
import { flagValue, hasFlag, UsageError, type ParsedArgs } from '../args';
import type { Output } from '../output';
import { loadReported } from './report';

const record = (r: DnsRecord) => ({ name: r.name, ttl: r.ttl, class: 'IN', type: r.type, data: r.data });

function fail(out: Output, json: boolean, message: string): number {
  out.stderr(json ? JSON.stringify({ error: message }) : `error: ${message}`);
  return 1;
}

export function dnsCommand(args: ParsedArgs, out: Output): number {
  const json = hasFlag(args, 'json');
  const asked = flagValue(args, 'query');
  const from = flagValue(args, 'from');
  const type = (flagValue(args, 'type') ?? '').toUpperCase();
  if (!asked && !from) throw new UsageError('dns needs --query NAME, or --from pod/NS/NAME and a NAME to resolve');
  if (asked && from) throw new UsageError('dns takes --query NAME or --from pod/NS/NAME NAME, not both');
  if (type !== '' && !/^[A-Z][A-Z0-9]*$/.test(type)) throw new UsageError(`--type must be a record type such as A, AAAA, SRV or PTR, got "${type}"`);
  const name = from ? args.positional[0] : asked;
  if (!name) throw new UsageError('dns --from pod/NS/NAME needs the NAME to resolve');
  if (from && type !== '' && type !== 'A' && type !== 'AAAA') throw new UsageError('a resolver lookup takes --type A or AAAA (getaddrinfo asks only for addresses)');
  const loaded = loadReported(args, out);
  const { cluster } = loaded;
  const invalid = loaded.invalid ? 1 : 0;
  if (!from) {
    const qtype = type || 'A';
    const r = query(cluster, name, qtype);
    const sections = { rcode: r.rcode, answer: r.answer.map(record), authority: r.authority.map(record), additional: r.additional.map(record) };
    out.stdout(json ? JSON.stringify(sections, null, 2) : renderResponse(name, qtype, r));
    return invalid;
  }
  const [kind, ns, podName] = from.split('/');
  const pod = kind === 'pod' ? cluster.pods.find((p) => p.metadata.namespace === ns && p.metadata.name === podName) : undefined;
  if (!pod) return fail(out, json, `--from must name a pod as pod/NS/NAME; "${from}" not found`);
  const resolution = resolveFromPod(cluster, pod, name, type ? [type as AddressType] : ['A', 'AAAA']);
  const queries = resolution.queries.map((q) => ({ qname: q.qname, qtype: q.qtype, rcode: q.rcode, answer: q.answer.map(record) }));
  if (json) {
    out.stdout(JSON.stringify({ queries, result: resolution.result }, null, 2));
    return invalid;
  }
  const { result } = resolution;
  out.stdout([
    `# /etc/resolv.conf of pod/${ns}/${podName}`, renderResolvConf(resolution.resolvConf), '',
    ...resolution.queries.flatMap((q) => [`;; ${q.qtype}? ${q.qname} -> ${q.rcode}${q.server === 'upstream' ? ' (upstream)' : ''}`, ...q.answer.map(renderRecord)]),
    '', result.status === 'found' ? `found ${result.name}: ${result.addresses.join(' ')}` : `${result.status}: ${name}`,
  ].join('\n'));
  return invalid;
}
