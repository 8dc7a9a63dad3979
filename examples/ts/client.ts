// A client of the example service, typed by openapi-typescript from docs/openapi.json
// (`schema.d.ts` is generated in CI, never committed). CI runs `tsc --strict` on this file:
// every line that compiles, and every `@ts-expect-error` that is needed, is a claim about what
// the document tells a client about each operation's errors.

import type { components, paths } from "./schema";

type Method = "get" | "put" | "post" | "delete";

/** The responses of `method path`, keyed by status. */
type Responses<P extends keyof paths, M extends Method> = paths[P][M] extends { responses: infer R }
    ? R
    : never;

/** The statuses `method path` can answer. */
type Status<P extends keyof paths, M extends Method> = keyof Responses<P, M>;

/** The body of one response (whatever its media type). */
type Body<R> = R extends { content: infer C } ? C[keyof C] : never;

/** The body of `method path`'s response with status `S`. */
type ErrorBody<P extends keyof paths, M extends Method, S extends Status<P, M>> = Body<
    Responses<P, M>[S]
>;

/** Every error body `method path` can answer: the union of its 4xx and 5xx responses. */
type ErrorOf<P extends keyof paths, M extends Method> = {
    [S in Status<P, M>]: `${S & number}` extends `4${string}` | `5${string}`
        ? Body<Responses<P, M>[S]>
        : never;
}[Status<P, M>];

type Bundle = components["schemas"]["Bundle"];
type CreateBundleError = ErrorOf<"/api/v1/bundles", "post">;
type ListBundlesError = ErrorOf<"/api/v1/bundles", "get">;

/** What to tell the user when `POST /api/v1/bundles` fails. */
export function describeCreateBundleError(e: CreateBundleError): string {
    // `code` discriminates the union: each branch sees only its own error's members.
    switch (e.code) {
        case "RATE_LIMITED": {
            // The detail member is declared, as an integer, and required.
            const n: number = e.retryAfter;
            // So is the status of that branch: exactly 429.
            const status: 429 = e.status;
            return `${status}: try again in ${n} seconds`;
        }
        case "INVALID_JSON": {
            const line: number = e.line;
            const column: number = e.column;
            return `invalid JSON at ${line}:${column}`;
        }
        case "VALIDATION_ERROR": {
            // An error with `#[field]` always names the field: required in its branch.
            const field: string = e.field;
            // Members every Problem has stay typed in every branch.
            return `${field} is invalid: ${e.detail}`;
        }
        case "BODY_UNREADABLE":
        case "INVALID_BODY":
        case "UNAUTHENTICATED":
        case "OWNER_REQUIRED":
        case "BUNDLE_EXISTS":
        case "PAYLOAD_TOO_LARGE":
        case "UNSUPPORTED_MEDIA_TYPE":
            return e.detail;
        default: {
            // Every code is handled above: this proves the union holds exactly these 10 codes,
            // so a code the operation cannot answer (`BUNDLE_NOT_FOUND`) would fail here.
            const unreachable: never = e;
            return unreachable;
        }
    }
}

/** The listing reads no body: its errors are only the middleware's. */
export function describeListBundlesError(e: ListBundlesError): string {
    switch (e.code) {
        case "UNAUTHENTICATED":
            return "sign in first";
        case "RATE_LIMITED":
            return `try again in ${e.retryAfter} seconds`;
        default: {
            // Exactly two codes: no INVALID_JSON, no BUNDLE_EXISTS on a listing.
            const unreachable: never = e;
            return unreachable;
        }
    }
}

/** A caller that fetches and narrows on the status first, then on the code. */
export async function listBundles(base: string, token: string): Promise<Bundle[] | string> {
    const res = await fetch(`${base}/api/v1/bundles`, {
        headers: { Authorization: `Bearer ${token}` },
    });
    if (res.ok) return (await res.json()) as Bundle[];
    if (res.status === 429) {
        const body = (await res.json()) as ErrorBody<"/api/v1/bundles", "get", 429>;
        const n: number = body.retryAfter;
        return `rate limited for ${n} seconds`;
    }
    return describeListBundlesError((await res.json()) as ListBundlesError);
}

// A misspelt code is rejected: the comparison can never be true (TS2367).
export function isRateLimited(e: ListBundlesError): boolean {
    // @ts-expect-error "RATE_LIMTED" is not a code of GET /api/v1/bundles
    return e.code === "RATE_LIMTED";
}
// @ts-expect-error the same misspelling, as a value of the union of codes
"RATE_LIMTED" satisfies ListBundlesError["code"];

// A status an operation cannot answer is rejected. The listing conflicts with nothing (no 409)
// and reads no body (no 413, no 415); creating a bundle can answer all three.
// @ts-expect-error GET /api/v1/bundles has no 409
409 satisfies Status<"/api/v1/bundles", "get">;
// @ts-expect-error GET /api/v1/bundles has no 415
415 satisfies Status<"/api/v1/bundles", "get">;
// @ts-expect-error GET /api/v1/bundles has no 413
413 satisfies Status<"/api/v1/bundles", "get">;
409 satisfies Status<"/api/v1/bundles", "post">;
413 satisfies Status<"/api/v1/bundles", "post">;
415 satisfies Status<"/api/v1/bundles", "post">;

// Each operation's error union holds only what it can answer: a key can be missing only where
// a key is named.
// @ts-expect-error GET /api/v1/bundles/{id} cannot answer KEY_NOT_FOUND
"KEY_NOT_FOUND" satisfies ErrorOf<"/api/v1/bundles/{id}", "get">["code"];
"BUNDLE_NOT_FOUND" satisfies ErrorOf<"/api/v1/bundles/{id}", "get">["code"];
"KEY_NOT_FOUND" satisfies ErrorBody<"/api/v1/bundles/{id}/keys/{name}", "get", 404>["code"];
"BUNDLE_NOT_FOUND" satisfies ErrorBody<"/api/v1/bundles/{id}/keys/{name}", "get", 404>["code"];

// Headers are typed too: `Retry-After` is an integer, not a string.
export function retryAfter(headers: Responses<"/api/v1/bundles", "get">[429]["headers"]): number {
    return headers["Retry-After"];
}
