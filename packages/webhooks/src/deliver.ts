import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { request as httpRequest, type RequestOptions } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { Webhook } from "standardwebhooks";
import { isBlockedAddress } from "./addresses.js";

/** Where a webhook may go. */
export interface UrlRules {
  /** Production: https only. */
  httpsOnly: boolean;
  /** Development and tests (never in production): loopback and private addresses are allowed. */
  allowPrivateAddresses: boolean;
}

/** A delivery that failed; `message` is safe to show the rule's owner (no internal detail). */
export class DeliveryFailed extends Error {}

/** Checks a webhook URL's form: absolute http(s) (https only when `httpsOnly`), no credentials, no fragment. Null when fine. */
export function urlFormProblem(raw: string, rules: UrlRules): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "must be an absolute URL";
  }
  if (raw.length > 2000) return "must be at most 2000 characters";
  if (url.protocol !== "https:" && !(url.protocol === "http:" && !rules.httpsOnly)) {
    return rules.httpsOnly ? "must use https" : "must use http or https";
  }
  if (url.username || url.password) return "must not hold credentials";
  if (url.hash) return "must not hold a fragment";
  return null;
}

const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, "$1");

/**
 * Resolves `hostname` and refuses it when any of its addresses is blocked (`isBlockedAddress`), unless `allow`.
 * Used both at registration (a quick answer) and at connect time (the `lookup` of each delivery), so that a name
 * that later resolves to a private address is refused when it matters.
 */
export function guardedLookup(allowPrivateAddresses: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, "", 0);
      const blocked = !allowPrivateAddresses && addresses.some((a) => isBlockedAddress(a.address));
      if (blocked || addresses.length === 0) {
        const refusal = Object.assign(new Error(`${hostname} resolves to an address webhooks may not reach`), { code: "EADDRBLOCKED" });
        return callback(refusal, "", 0);
      }
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/** The whole check of a webhook URL, form and addresses: null when fine, else why not (for `extensions.field: "url"`). */
export async function webhookUrlProblem(raw: string, rules: UrlRules): Promise<string | null> {
  const form = urlFormProblem(raw, rules);
  if (form) return form;
  const host = hostOf(new URL(raw));
  if (isIP(host)) return !rules.allowPrivateAddresses && isBlockedAddress(host) ? "must not point at a private or local address" : null;
  return new Promise((resolve) =>
    guardedLookup(rules.allowPrivateAddresses)(host, { all: true }, (err) => {
      if (!err) return resolve(null);
      resolve(
        (err as NodeJS.ErrnoException).code === "EADDRBLOCKED"
          ? "must not point at a private or local address"
          : "its host name does not resolve",
      );
    }),
  );
}

export interface WebhookMessage {
  url: string;
  /** `webhook-id`: the same on every retry of one message, so that the receiver can drop duplicates. */
  id: string;
  /** The JSON body, already serialised. */
  body: string;
  /** The rule's `whsec_…` secret. */
  secret: string;
  timeoutMs: number;
  rules: UrlRules;
}

/** The Standard Webhooks headers of a message sent at `timestamp`. */
export function signedHeaders(secret: string, id: string, timestamp: Date, body: string): Record<string, string> {
  return {
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(id, timestamp, body),
  };
}

/**
 * POSTs one signed message. Resolves with the HTTP status when it is 2xx; otherwise throws `DeliveryFailed` with a
 * short reason fit for the owner. Addresses are checked at connect time; redirects are not followed.
 */
export async function sendWebhook(message: WebhookMessage): Promise<number> {
  const form = urlFormProblem(message.url, message.rules);
  if (form) throw new DeliveryFailed(`URL ${form}`);
  const url = new URL(message.url);
  const host = hostOf(url);
  if (isIP(host) && !message.rules.allowPrivateAddresses && isBlockedAddress(host)) {
    throw new DeliveryFailed("URL points at a private or local address");
  }
  const headers = {
    "content-type": "application/json",
    "user-agent": "Concert-Webhooks/1",
    ...signedHeaders(message.secret, message.id, new Date(), message.body),
  };
  const options: RequestOptions = {
    method: "POST",
    headers: { ...headers, "content-length": String(Buffer.byteLength(message.body)) },
    lookup: guardedLookup(message.rules.allowPrivateAddresses),
    timeout: message.timeoutMs,
    signal: AbortSignal.timeout(message.timeoutMs),
  };
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<number>((resolve, reject) => {
    const req = send(url, options, (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      res.on("end", () =>
        status >= 200 && status < 300 ? resolve(status) : reject(new DeliveryFailed(`receiver answered HTTP ${status}`)),
      );
      res.on("error", () => reject(new DeliveryFailed("connection lost while reading the answer")));
    });
    req.on("timeout", () => req.destroy(new DeliveryFailed(`no answer within ${message.timeoutMs} ms`)));
    req.on("error", (err: NodeJS.ErrnoException) => {
      if (err instanceof DeliveryFailed) return reject(err);
      if (err.code === "EADDRBLOCKED") return reject(new DeliveryFailed("URL resolves to a private or local address"));
      if (err.name === "AbortError" || err.name === "TimeoutError")
        return reject(new DeliveryFailed(`no answer within ${message.timeoutMs} ms`));
      if (err.code === "ENOTFOUND" || err.code === "EAI_AGAIN") return reject(new DeliveryFailed("host name does not resolve"));
      if (err.code === "ECONNREFUSED") return reject(new DeliveryFailed("connection refused"));
      reject(new DeliveryFailed("could not connect"));
    });
    req.end(message.body);
  });
}
