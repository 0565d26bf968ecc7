// A map that fills a phone's screen, over the page: a modal dialog, so that the page behind is
// out of reach, Escape closes it and focus returns to where it was.
import { useEffect, useRef, useState, type ReactNode } from "react";

export function MapDialog({
  open,
  openedBy,
  title,
  closeLabel,
  onClose,
  children,
}: {
  open: boolean;
  /**
   * What opened it (the history entry's key): opened again by a new entry before the closing
   * one has been rendered, `open` stays true, and only this says to show it again.
   */
  openedBy?: string;
  title: string;
  closeLabel: string;
  /** The dialog closed itself (its button, Escape). */
  onClose: () => void;
  /** The map, drawn once the dialog has its full size (Leaflet measures its box when it starts). */
  children: () => ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
    setShown(open);
  }, [open, openedBy]);
  return (
    <dialog
      ref={dialog}
      className="map-dialog"
      aria-labelledby="map-dialog-title"
      onClose={() => {
        setShown(false);
        onClose();
      }}
    >
      <div className="map-dialog-bar">
        <h2 id="map-dialog-title">{title}</h2>
        <button type="button" className="button" onClick={() => dialog.current?.close()}>
          {closeLabel}
        </button>
      </div>
      {shown ? children() : null}
    </dialog>
  );
}
