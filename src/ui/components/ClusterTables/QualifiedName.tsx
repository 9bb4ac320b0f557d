// `namespace/name`, allowed to break only after the slash, so a narrow table wraps a long
// pod name into two readable halves instead of splitting it at a hyphen.

export function QualifiedName({ value }: { value: string }) {
  const slash = value.indexOf('/');
  if (slash === -1) return <span className="qname__part">{value}</span>;
  return (
    <>
      <span className="qname__part qname__ns">{value.slice(0, slash + 1)}</span>
      <wbr />
      <span className="qname__part">{value.slice(slash + 1)}</span>
    </>
  );
}
