// DNS messages as kubehops models them: resource records in the text form a zone file (and
// `dig`) shows, and a response's rcode and three sections (RFC 1035 section 4.1).

/** The record types a query may ask for; others are accepted by name (`TYPE65`, `HTTPS`, ...). */
export type RRType = 'A' | 'AAAA' | 'CNAME' | 'NS' | 'PTR' | 'SOA' | 'SRV' | 'TXT' | 'MX' | 'ANY' | 'AXFR' | 'IXFR' | (string & {});

/** The rcode mnemonics `dig` prints (RFC 1035 section 4.1.1, RFC 6895). */
export type Rcode = 'NOERROR' | 'SERVFAIL' | 'NXDOMAIN' | 'REFUSED';

/** One resource record, class IN. `name` is absolute (trailing dot); `data` is the RDATA as a zone file writes it. */
export interface DnsRecord {
  readonly name: string;
  readonly ttl: number;
  readonly type: RRType;
  readonly data: string;
}

export interface DnsResponse {
  readonly rcode: Rcode;
  readonly answer: readonly DnsRecord[];
  readonly authority: readonly DnsRecord[];
  readonly additional: readonly DnsRecord[];
  /** Who answered: CoreDNS's kubernetes plugin, or the upstream resolver behind `forward`. */
  readonly answeredBy: 'kubernetes' | 'upstream';
}
