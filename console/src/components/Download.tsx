import { useT } from "../i18n/t";
import { useSession } from "../session";

/**
 * A CSV download of what a table shows (issue 28's files, with HXL hashtags), made by the gateway with the signed-in
 * person's own session: only offered when signed in, as the files name who asked.
 */
export function Download({ path, label }: { path: string; label: string }) {
  const t = useT();
  const { session } = useSession();
  if (!session.signedIn) return null;
  return (
    <p className="download">
      <a href={`/downloads/csv/${path}`} download data-download={path}>
        {t("download.csv", { what: label })}
      </a>
    </p>
  );
}
