// The layout editor: the map (Leaflet-Geoman, in the browser only) beside tools that work
// without a mouse — lay a row of stalls from measurements, move, copy or delete a row, change a
// stall — with undo, and a save that sends the whole draft to be checked.
import { useMemo, useState, type FormEvent, type ReactNode } from "react";
import { rowOf, type CheckResult } from "~/domain/layout-checks";
import {
  addRow,
  addRowAlong,
  duplicateRow,
  marketAngle,
  moveRow,
  nextCode,
  removeRow,
  resizeStall,
  rowLetters,
  setLaneWidth,
  updateStall,
  type EditorCollection,
} from "~/domain/layout-editing";
import type { Position } from "~/domain/geo";
import { stallSize } from "~/domain/geo";
import { useT } from "~/utils/i18n";
import { ClientOnly } from "./client-only";
import { LayoutMap } from "./layout-map.client";
import type { TileSettings } from "./zone-map";

const UNDO_DEPTH = 50;

function NumberField({
  id,
  label,
  value,
  onChange,
  step = "0.1",
  min,
}: {
  id: string;
  label: string;
  value: number;
  onChange: (v: number) => void;
  step?: string;
  min?: number;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        step={step}
        min={min}
        value={Number.isFinite(value) ? value : ""}
        onChange={(e) => onChange(e.currentTarget.valueAsNumber)}
        required
      />
    </div>
  );
}

interface Flags {
  categories: string[];
  power: boolean;
  water: boolean;
  publicWelfare: boolean;
}

/** What a stall (or a row of them) may sell and has: categories, power, water, public welfare. */
function StallFlags({
  value,
  categories,
  onChange,
}: {
  value: Flags;
  categories: { slug: string; name: string }[];
  onChange: (flags: Flags) => void;
}) {
  const t = useT();
  return (
    <>
      <fieldset className="field tool-wide">
        <legend>{t("layout.row.categories")}</legend>
        {categories.map((c) => (
          <label key={c.slug} className="check">
            <input
              type="checkbox"
              checked={value.categories.includes(c.slug)}
              onChange={(e) =>
                onChange({
                  ...value,
                  categories: e.currentTarget.checked
                    ? [...value.categories, c.slug]
                    : value.categories.filter((s) => s !== c.slug),
                })
              }
            />{" "}
            {c.name}
          </label>
        ))}
      </fieldset>
      {(["power", "water", "publicWelfare"] as const).map((key) => (
        <label key={key} className="check">
          <input
            type="checkbox"
            checked={value[key]}
            onChange={(e) => onChange({ ...value, [key]: e.currentTarget.checked })}
          />{" "}
          {t(key === "publicWelfare" ? "layout.row.welfare" : `layout.row.${key}`)}
        </label>
      ))}
    </>
  );
}

function Tool({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="card stack-tight" aria-label={title}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

export function LayoutEditor({
  initial,
  categories,
  checks,
  tiles,
  saving,
  onSave,
}: {
  initial: EditorCollection;
  categories: { slug: string; name: string }[];
  checks: CheckResult[];
  tiles: TileSettings;
  saving: boolean;
  onSave: (collection: EditorCollection) => void;
}) {
  const t = useT();
  const [history, setHistory] = useState<EditorCollection[]>([initial]);
  const [savedAt, setSavedAt] = useState(0);
  const [notice, setNotice] = useState("");
  const [selected, setSelected] = useState<string | null>(null);
  const [rowLine, setRowLine] = useState(false);
  const collection = history[history.length - 1]!;
  const change = (next: EditorCollection, message = "") => {
    setHistory((h) => [...h.slice(-UNDO_DEPTH), next]);
    setNotice(message);
  };
  const undo = () => {
    setHistory((h) => (h.length > 1 ? h.slice(0, -1) : h));
    setNotice("");
  };
  const dirty = history.length - 1 !== savedAt;
  const failing = useMemo(
    () => new Set(checks.filter((c) => !c.passed).flatMap((c) => c.offenders)),
    [checks],
  );
  const letters = rowLetters(collection);

  const [row, setRow] = useState({
    letter: "",
    count: 10,
    widthM: 2,
    depthM: 2,
    gapM: 0.5,
    eastM: 2,
    northM: 2,
    angleDeg: marketAngle(initial),
    categories: [] as string[],
    fee: 5,
    power: false,
    water: false,
    publicWelfare: false,
  });
  const [rowOp, setRowOp] = useState({ letter: "", eastM: 0, northM: 0, newLetter: "" });
  const stall = collection.features.find(
    (f) => f.properties.kind === "stall" && f.properties.code === selected,
  );
  const laneIndex = selected?.startsWith("lane:") ? Number(selected.slice(5)) : -1;
  const lane =
    collection.features[laneIndex]?.properties.kind === "fire_lane"
      ? collection.features[laneIndex]
      : undefined;

  const rowSpec = () => ({
    ...row,
    letter: row.letter.trim().toUpperCase(),
    feeFen: Math.round(row.fee * 100),
    categories: row.categories.length ? row.categories : [categories[0]!.slug],
  });
  const rowFree = (letter: string) => {
    if (!/^[A-Z]{1,2}$/.test(letter)) {
      setNotice(t("layout.row.letter"));
      return false;
    }
    if (letters.includes(letter)) {
      setNotice(t("layout.error.rowExists", { row: letter }));
      return false;
    }
    return true;
  };
  const submitRow = (event: FormEvent) => {
    event.preventDefault();
    const spec = rowSpec();
    if (!rowFree(spec.letter)) return;
    change(
      addRow(collection, spec),
      t("layout.row.added", { row: spec.letter, count: spec.count }),
    );
  };
  const placeAlong = (line: Position[]) => {
    setRowLine(false);
    const spec = rowSpec();
    if (!rowFree(spec.letter)) return;
    change(
      addRowAlong(collection, spec, line),
      t("layout.row.added", { row: spec.letter, count: spec.count }),
    );
  };
  const rowAction = (action: "move" | "copy" | "remove") => (event: FormEvent) => {
    event.preventDefault();
    const letter = rowOp.letter;
    if (!letters.includes(letter)) return setNotice(t("layout.error.rowMissing", { row: letter }));
    if (action === "move")
      change(
        moveRow(collection, letter, rowOp.eastM, rowOp.northM),
        t("layout.moved", { row: letter }),
      );
    if (action === "copy") {
      const to = rowOp.newLetter.trim().toUpperCase();
      if (!to || letters.includes(to)) return setNotice(t("layout.error.rowExists", { row: to }));
      change(
        duplicateRow(collection, letter, to, rowOp.eastM, rowOp.northM),
        t("layout.duplicated", { row: to }),
      );
    }
    if (action === "remove")
      change(removeRow(collection, letter), t("layout.removed", { row: letter }));
  };

  return (
    <div className="layout-editor">
      <div className="layout-editor-map">
        <div className="actions">
          <button
            type="button"
            className="button button-primary"
            disabled={saving}
            onClick={() => {
              onSave(collection);
              setSavedAt(history.length - 1);
            }}
          >
            {saving ? t("layout.saving") : t("layout.save")}
          </button>
          <button
            type="button"
            className="button button-quiet"
            onClick={undo}
            disabled={history.length < 2}
          >
            {t("layout.undo")}
          </button>
          {dirty ? <span className="badge badge-later">{t("layout.unsaved")}</span> : null}
        </div>
        <p role="status" className="hint">
          {notice}
        </p>
        <div className="map-box" role="region" aria-label={t("layout.mapLabel")}>
          <ClientOnly fallback={<div className="map-fallback">{t("map.loading")}</div>}>
            {() => (
              <LayoutMap
                collection={collection}
                failing={failing}
                selected={selected}
                tiles={tiles}
                labels={{
                  exit: t("layout.feature.exit"),
                  extinguisher: t("layout.feature.extinguisher"),
                  water_point: t("layout.feature.water_point"),
                  power_point: t("layout.feature.power_point"),
                  fire_lane: t("layout.feature.fire_lane"),
                }}
                onChange={(next) => change(next)}
                onSelect={setSelected}
                rowLine={rowLine}
                onRowLine={placeAlong}
                newStall={() => ({
                  kind: "stall",
                  code: nextCode(collection, "N"),
                  categories: [categories[0]!.slug],
                  power: false,
                  water: false,
                  fee_fen: 500,
                  public_welfare: false,
                })}
              />
            )}
          </ClientOnly>
        </div>
        <p className="hint">{t("layout.drawHelp")}</p>
      </div>
      <div className="layout-editor-tools stack">
        <Tool title={t("layout.tool.row")}>
          <form onSubmit={submitRow} className="tool-grid">
            <div className="field">
              <label htmlFor="row-letter">{t("layout.row.letter")}</label>
              <input
                id="row-letter"
                value={row.letter}
                maxLength={2}
                pattern="[A-Za-z]{1,2}"
                required
                onChange={(e) => setRow({ ...row, letter: e.currentTarget.value })}
              />
            </div>
            <NumberField
              id="row-count"
              label={t("layout.row.count")}
              value={row.count}
              step="1"
              min={1}
              onChange={(v) => setRow({ ...row, count: Math.min(200, Math.max(1, Math.round(v))) })}
            />
            <NumberField
              id="row-width"
              label={t("layout.row.width")}
              value={row.widthM}
              min={0.5}
              onChange={(v) => setRow({ ...row, widthM: v })}
            />
            <NumberField
              id="row-depth"
              label={t("layout.row.depth")}
              value={row.depthM}
              min={0.5}
              onChange={(v) => setRow({ ...row, depthM: v })}
            />
            <NumberField
              id="row-gap"
              label={t("layout.row.gap")}
              value={row.gapM}
              min={0}
              onChange={(v) => setRow({ ...row, gapM: v })}
            />
            <NumberField
              id="row-east"
              label={t("layout.row.east")}
              value={row.eastM}
              onChange={(v) => setRow({ ...row, eastM: v })}
            />
            <NumberField
              id="row-north"
              label={t("layout.row.north")}
              value={row.northM}
              onChange={(v) => setRow({ ...row, northM: v })}
            />
            <NumberField
              id="row-angle"
              label={t("layout.row.angle")}
              value={row.angleDeg}
              step="1"
              onChange={(v) => setRow({ ...row, angleDeg: v })}
            />
            <NumberField
              id="row-fee"
              label={t("layout.row.fee")}
              value={row.fee}
              min={0}
              onChange={(v) => setRow({ ...row, fee: v })}
            />
            <StallFlags
              value={row}
              categories={categories}
              onChange={(flags) => setRow({ ...row, ...flags })}
            />
            <button type="submit" className="button button-quiet">
              {t("layout.row.add")}
            </button>
            <button
              type="button"
              className="button button-quiet"
              aria-pressed={rowLine}
              onClick={() => {
                setRowLine(true);
                setNotice(t("layout.row.drawHint"));
              }}
            >
              {t("layout.row.draw")}
            </button>
          </form>
        </Tool>
        <Tool title={t("layout.tool.rows")}>
          <form className="tool-grid" onSubmit={rowAction("move")}>
            <div className="field">
              <label htmlFor="op-row">{t("layout.rows.row")}</label>
              <select
                id="op-row"
                value={rowOp.letter}
                required
                onChange={(e) => setRowOp({ ...rowOp, letter: e.currentTarget.value })}
              >
                <option value="" />
                {letters.map((l) => (
                  <option key={l} value={l}>
                    {l}
                  </option>
                ))}
              </select>
            </div>
            <NumberField
              id="op-east"
              label={t("layout.move.east")}
              value={rowOp.eastM}
              onChange={(v) => setRowOp({ ...rowOp, eastM: v })}
            />
            <NumberField
              id="op-north"
              label={t("layout.move.north")}
              value={rowOp.northM}
              onChange={(v) => setRowOp({ ...rowOp, northM: v })}
            />
            <button type="submit" className="button button-quiet tool-wide">
              {t("layout.move.apply")}
            </button>
            <div className="field">
              <label htmlFor="op-new">{t("layout.duplicate.to")}</label>
              <input
                id="op-new"
                value={rowOp.newLetter}
                maxLength={2}
                onChange={(e) => setRowOp({ ...rowOp, newLetter: e.currentTarget.value })}
              />
            </div>
            <button type="button" className="button button-quiet" onClick={rowAction("copy")}>
              {t("layout.duplicate.apply")}
            </button>
            <button
              type="button"
              className="button button-danger tool-wide"
              onClick={rowAction("remove")}
            >
              {t("layout.removeRow")}
            </button>
          </form>
        </Tool>
        <Tool
          title={
            lane
              ? t("layout.feature.fire_lane")
              : selected
                ? t("layout.stall.title", { code: selected })
                : t("layout.table.code")
          }
        >
          {lane ? (
            <LanePanel
              key={selected}
              width={Number(lane.properties.width_m ?? 4)}
              onApply={(width) => change(setLaneWidth(collection, laneIndex, width))}
              onRemove={() => {
                change(setLaneWidth(collection, laneIndex, null));
                setSelected(null);
              }}
            />
          ) : stall ? (
            <StallPanel
              key={selected}
              properties={stall.properties}
              categories={categories}
              size={stallDimensions(stall)}
              onApply={(properties, size) => {
                const resized = resizeStall(collection, selected!, size[0], size[1]);
                const next = updateStall(resized, selected!, properties);
                change(next);
                setSelected(String(properties.code));
              }}
              onRemove={() => {
                change(updateStall(collection, selected!, null));
                setSelected(null);
              }}
            />
          ) : (
            <p className="hint">{t("layout.stall.none")}</p>
          )}
        </Tool>
        <p className="hint">
          {letters.length
            ? letters
                .map(
                  (l) =>
                    `${l} (${collection.features.filter((f) => f.properties.kind === "stall" && rowOf(String(f.properties.code)) === l).length})`,
                )
                .join(" · ")
            : null}
        </p>
      </div>
    </div>
  );
}

/** A stall's width and depth in metres, to one decimal. */
function stallDimensions(stall: { geometry: { coordinates: unknown } }): [number, number] {
  const ring = (stall.geometry.coordinates as Position[][])[0]!;
  const [w, d] = stallSize(ring);
  return [Math.round(w * 10) / 10, Math.round(d * 10) / 10];
}

function LanePanel({
  width,
  onApply,
  onRemove,
}: {
  width: number;
  onApply: (width: number) => void;
  onRemove: () => void;
}) {
  const t = useT();
  const [value, setValue] = useState(width);
  return (
    <form
      className="tool-grid"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(value);
      }}
    >
      <NumberField
        id="lane-width"
        label={t("layout.rule.fireLaneWidthM")}
        value={value}
        min={3}
        onChange={setValue}
      />
      <button type="submit" className="button button-quiet">
        {t("layout.stall.apply")}
      </button>
      <button type="button" className="button button-danger" onClick={onRemove}>
        {t("layout.lane.remove")}
      </button>
    </form>
  );
}

function StallPanel({
  properties,
  size,
  categories,
  onApply,
  onRemove,
}: {
  properties: Record<string, unknown>;
  size: [number, number];
  categories: { slug: string; name: string }[];
  onApply: (p: Record<string, unknown>, size: [number, number]) => void;
  onRemove: () => void;
}) {
  const t = useT();
  const [dimensions, setDimensions] = useState(size);
  const [p, setP] = useState({
    code: String(properties.code ?? ""),
    categories: (properties.categories as string[]) ?? [],
    power: Boolean(properties.power),
    water: Boolean(properties.water),
    fee: Number(properties.fee_fen ?? 0) / 100,
    publicWelfare: Boolean(properties.public_welfare),
  });
  return (
    <form
      className="tool-grid"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(
          {
            code: p.code.trim().toUpperCase(),
            categories: p.categories,
            power: p.power,
            water: p.water,
            fee_fen: Math.round(p.fee * 100),
            public_welfare: p.publicWelfare,
          },
          dimensions,
        );
      }}
    >
      <div className="field">
        <label htmlFor="stall-code">{t("layout.table.code")}</label>
        <input
          id="stall-code"
          value={p.code}
          required
          maxLength={9}
          onChange={(e) => setP({ ...p, code: e.currentTarget.value })}
        />
      </div>
      <NumberField
        id="stall-width"
        label={t("layout.row.width")}
        value={dimensions[0]}
        min={0.5}
        onChange={(v) => setDimensions([v, dimensions[1]])}
      />
      <NumberField
        id="stall-depth"
        label={t("layout.row.depth")}
        value={dimensions[1]}
        min={0.5}
        onChange={(v) => setDimensions([dimensions[0], v])}
      />
      <NumberField
        id="stall-fee"
        label={t("layout.row.fee")}
        value={p.fee}
        min={0}
        onChange={(v) => setP({ ...p, fee: v })}
      />
      <StallFlags
        value={p}
        categories={categories}
        onChange={(flags) => setP({ ...p, ...flags })}
      />
      <button type="submit" className="button button-quiet">
        {t("layout.stall.apply")}
      </button>
      <button type="button" className="button button-danger" onClick={onRemove}>
        {t("layout.stall.remove")}
      </button>
    </form>
  );
}
