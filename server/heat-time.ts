// Heat's time format in API answers: UTC to the second, "2026-12-02T02:10:34Z" (heat.common.timeutils.isotime).

export function heatTime(iso: string | undefined): string | null {
  if (iso === undefined || iso === "") return null;
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return null;
  return `${t.toISOString().slice(0, 19)}Z`;
}
