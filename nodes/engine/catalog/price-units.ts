/** Providers publish per million tokens; fusion counts per thousand. Rounded so 0.59 / 1000 is 0.00059. */
export function perThousand(perMillion: number): number {
	return Number((perMillion / 1000).toPrecision(12));
}
