"""The grid's actions: id, button label, keyboard shortcuts (aria-keyshortcuts syntax) and what
the button sends. The buttons, their aria-keyshortcuts and the help overlay are all made from
this table, and review.js reads the shortcuts back from the buttons: one place to change a key."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Action:
    id: str
    label: str
    keys: str  # space-separated alternatives, e.g. "Z Control+Z"
    group: str
    action: str = ""  # what is POSTed; "" for a jump or a client-side step
    side: str = ""
    direction: str = ""
    jump: str = ""


ACTIONS = (
    Action("confirm", "Confirm", "C", "Decide", "confirm"),
    Action("reject", "Reject", "X", "Decide", "reject"),
    Action("edit-tgt", "Edit target", "E", "Decide"),
    Action("edit-src", "Edit source", "Shift+E", "Decide"),
    Action("confirm-all", "Confirm all above", "A", "Decide", "confirm-all"),
    Action("confirm-page", "Confirm page, go to next", "P", "Decide", "confirm-page"),
    Action("merge-next", "Merge with next", "M", "Reshape", "merge", direction="down"),
    Action("merge-prev", "Merge with previous", "Shift+M", "Reshape", "merge", direction="up"),
    Action("split", "Split…", "S", "Reshape"),
    Action("move-tgt-down", "Move target ¶ down", "Alt+ArrowDown", "Reshape", "move", "tgt", "down"),
    Action("move-tgt-up", "Move target ¶ up", "Alt+ArrowUp", "Reshape", "move", "tgt", "up"),
    Action("move-src-down", "Move source ¶ down", "Alt+Shift+ArrowDown", "Reshape", "move", "src", "down"),
    Action("move-src-up", "Move source ¶ up", "Alt+Shift+ArrowUp", "Reshape", "move", "src", "up"),
    Action("shift-tgt-down", "Shift target down", "]", "Reshape", "shift", "tgt", "down"),
    Action("shift-tgt-up", "Shift target up", "[", "Reshape", "shift", "tgt", "up"),
    Action("shift-src-down", "Shift source down", "Shift+]", "Reshape", "shift", "src", "down"),
    Action("shift-src-up", "Shift source up", "Shift+[", "Reshape", "shift", "src", "up"),
    Action("undo", "Undo", "Z Control+Z", "History", "undo"),
    Action("redo", "Redo", "Y Control+Y Control+Shift+Z", "History", "redo"),
    Action("next-unreviewed", "Next unreviewed", "U", "Go to", jump="unreviewed"),
    Action("next-low", "Next low score", "L", "Go to", jump="low"),
    Action("next-non11", "Next non-1-1", "O", "Go to", jump="non11"),
    Action("next-empty", "Next empty side", "B", "Go to", jump="empty"),
    Action("next-edited", "Next edited", "D", "Go to", jump="edited"),
    Action("down", "Next bead", "J ArrowDown", "Go to"),
    Action("up", "Previous bead", "K ArrowUp", "Go to"),
    Action("help", "Shortcuts", "?", "Help"),
)

GROUPS = ("Decide", "Reshape", "History", "Go to", "Help")
