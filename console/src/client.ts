import { Client, type CombinedError, fetchExchange, mapExchange } from "@urql/core";
import { persistedExchange } from "@urql/exchange-persisted";

// Sends only the hash of each document the build registered (persisted-documents.json), never its text, with
// the session cookie and Concert's CSRF header. No cache exchange: nothing a persona read outlives the page that
// shows it, so signing out or switching persona leaves no answer behind in the client.
export function createClient(onSessionExpired: () => void): Client {
  return new Client({
    url: "/graphql",
    preferGetMethod: false,
    requestPolicy: "network-only",
    fetchOptions: { credentials: "same-origin", headers: { "x-concert-csrf": "1" } },
    exchanges: [
      mapExchange({
        onError(error: CombinedError) {
          const status = (error.response as Response | undefined)?.status;
          const unauthenticated = error.graphQLErrors.some((e) => e.extensions?.code === "UNAUTHENTICATED");
          if (status === 401 || unauthenticated) onSessionExpired();
        },
      }),
      persistedExchange({
        enforcePersistedQueries: true,
        enableForMutation: true,
        preferGetForPersistedQueries: false,
        generateHash: (_query, document) => Promise.resolve((document as unknown as { __meta__: { hash: string } }).__meta__.hash),
      }),
      fetchExchange,
    ],
  });
}
