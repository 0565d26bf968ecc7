// The verifier: anyone checks a ballot's published results in their own browser. It reads the
// results file, recomputes the draw with the same code the server ran (docs/ballot-draw.md) and
// says whether everything matches: the seed and the commitment published at the opening, the
// inputs and the digest published at the close, and every place.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useState, type FormEvent } from "react";
import { useHydrated } from "~/components/client-only";
import { verify, type BallotResults, type VerifyProblem } from "~/domain/ballot-draw";
import { translator, useT } from "~/utils/i18n";
import { getLocale } from "~/utils/i18n.server";
import { pageMeta } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageMeta({
    matches,
    locale: data?.locale,
    title: translator(data?.locale ?? "zh-CN")("verify.title"),
    description: translator(data?.locale ?? "zh-CN")("verify.intro"),
  });

const HEX64 = /^[0-9a-f]{64}$/;

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  // A ballot's page links here with what it published, so the reader need not copy them.
  const given = (name: string) => {
    const value = (url.searchParams.get(name) ?? "").trim().toLowerCase();
    return HEX64.test(value) ? value : "";
  };
  return {
    locale: await getLocale(request),
    commitment: given("commitment"),
    digest: given("digest"),
  };
}

type Outcome =
  | { kind: "verified"; ballot: string; applications: number; stalls: number; placed: number }
  | { kind: "problems"; problems: VerifyProblem[] }
  | { kind: "unreadable" };

/** A published SHA-256, 64 hex characters, to compare against. */
function HashField({ name, label, value }: { name: string; label: string; value: string }) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <input
        id={name}
        name={name}
        defaultValue={value}
        pattern="[0-9a-fA-F]{64}"
        spellCheck={false}
        className="mono"
      />
    </div>
  );
}

export default function VerifyBallot() {
  const { commitment, digest } = useLoaderData<typeof loader>();
  const t = useT();
  const hydrated = useHydrated();
  const [checking, setChecking] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function check(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("results");
    setChecking(true);
    setOutcome(null);
    try {
      const results: BallotResults = JSON.parse(
        file instanceof File && file.size > 0 ? await file.text() : "",
      );
      const published = {
        commitment:
          String(form.get("commitment") ?? "")
            .trim()
            .toLowerCase() || undefined,
        inputsDigest:
          String(form.get("digest") ?? "")
            .trim()
            .toLowerCase() || undefined,
      };
      const problems = await verify(results, published);
      setOutcome(
        problems.length
          ? { kind: "problems", problems }
          : {
              kind: "verified",
              ballot: results.inputs.ballot,
              applications: results.inputs.applications.length,
              stalls: results.inputs.stalls.length,
              placed: results.places.filter((p) => p.stall).length,
            },
      );
    } catch {
      setOutcome({ kind: "unreadable" });
    } finally {
      setChecking(false);
    }
  }

  return (
    <div className="page narrow">
      <h1>{t("verify.title")}</h1>
      <p className="lead">{t("verify.intro")}</p>
      {hydrated ? (
        <form className="card stack" onSubmit={check} aria-label={t("verify.title")}>
          <div className="field">
            <label htmlFor="results">{t("verify.file")}</label>
            <p className="hint" id="results-hint">
              {t("verify.fileHint")}
            </p>
            <input
              id="results"
              name="results"
              type="file"
              accept="application/json,.json"
              required
              aria-describedby="results-hint"
            />
          </div>
          <HashField name="commitment" label={t("verify.commitment")} value={commitment} />
          <HashField name="digest" label={t("verify.digest")} value={digest} />
          <p>
            <button type="submit" className="button button-primary" disabled={checking}>
              {checking ? t("verify.checking") : t("verify.check")}
            </button>
          </p>
        </form>
      ) : (
        <p className="notice notice-info">{t("verify.needsScript")}</p>
      )}
      <div role="status" aria-live="polite">
        {outcome?.kind === "verified" ? (
          <div className="notice notice-info">
            <h2>{t("verify.verified")}</h2>
            <p>{t("verify.verifiedDetail", outcome)}</p>
          </div>
        ) : outcome?.kind === "problems" ? (
          <div className="notice notice-error">
            <h2>{t("verify.notVerified")}</h2>
            <ul>
              {outcome.problems.map((problem) => (
                <li key={problem}>{t(`verify.problem.${problem}`)}</li>
              ))}
            </ul>
          </div>
        ) : outcome?.kind === "unreadable" ? (
          <p className="notice notice-error">{t("verify.unreadable")}</p>
        ) : null}
      </div>
      <p className="hint">{t("verify.howItWorks")}</p>
    </div>
  );
}
