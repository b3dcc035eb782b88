"""How to play, in plain words. Generic: every scenario-specific word comes from the scenario file."""

from __future__ import annotations

# (heading, paragraphs). Kept as data so the help overlay and a future text-mode help can share it.
HOW_TO_PLAY: list[tuple[str, list[str]]] = [
    (
        "What you are doing",
        [
            "You lead one delegation at the table. The other delegations are played by the computer or by "
            "friends at the same screen. Each side wants something different, and no side can get "
            "everything. Your aim is the best agreement for your side — or to recognise when no agreement "
            "is better than the one on offer.",
        ],
    ),
    (
        "Learning by playing",
        [
            "The tutorial, a short bus drivers' dispute, shows one step at a time: read your brief, send an "
            "offer, use a lever, declare a red line, end your move, answer an offer and read the debrief. Each "
            "step passes when you have done it. Play the tutorial, below, starts it; its card has Skip step and "
            "End tutorial.",
        ],
    ),
    (
        "Issues and options",
        [
            "The issue board lists what is being negotiated. Each issue has a few possible settlements "
            "(options), in order. An issue is settled when every party that must sign it accepts the same "
            "offer.",
        ],
    ),
    (
        "Offers",
        [
            "An offer is a package: one option for some or all of the issues, sent to the parties who would "
            "have to agree. While you build an offer, the builder shows what it is worth to you, and an "
            "estimate of how likely each party is to accept it when it answers: unlikely (under 20%), maybe "
            "or likely (70% or more), with the range its behaviour so far still leaves open. The estimate "
            "uses only what everyone can see, and was checked against thousands of computer answers. You "
            "can make a limited number of offers each turn.",
        ],
    ),
    (
        "Responses",
        [
            "When an offer is addressed to you, you can accept it, reject it, or counter it with a package "
            "of your own. An offer you leave unanswered at the end of your move lapses, and counts as a "
            "rejection.",
        ],
    ),
    (
        "Your no-deal value",
        [
            "Every side has a value for walking away without a deal: what fighting on, or waiting, is worth "
            "to it. An offer is only good for you if it is worth more than your no-deal value. This value "
            "moves during the game — with events, with pressure from levers and with time — so an offer "
            "you refuse today may look better or worse tomorrow. The same is true for the other sides.",
        ],
    ),
    (
        "Levers",
        [
            "Levers are pressure and inducements: sanctions, aid, public statements, exchanges. Each costs "
            "action points, may have a cooldown before it can be used again, and may fail. Levers used "
            "this turn take effect together at the end of the turn, so the others only learn of them then. "
            "Each lever card shows its cost, target, likely effects and chance of success.",
        ],
    ),
    (
        "Red lines",
        [
            "A red line is an option your side will never accept. You can declare one publicly: it tells "
            "the others not to bother offering it, and makes your position more credible. But a public "
            "commitment has a price if you break it later — lost support at home and points off your score.",
            "To declare one, press Red line… on the issue board (or R, or Menu) during your move: the dialog "
            "lists what you may rule out and shows what breaking it would cost before you confirm. It takes no "
            "action points. If you later offer or accept an option you ruled out, the game asks first.",
        ],
    ),
    (
        "What you know about the others",
        [
            "You see your own priorities exactly. The other sides' priorities are hidden; the game shows "
            "estimates learned from what they offer, accept and refuse, with bars for how uncertain each "
            "estimate still is.",
        ],
    ),
    (
        "The deadline and the end",
        [
            "The turn counter shows how many turns are left. The game ends when every deal issue is settled, "
            "when the deadline passes, or earlier if a side walks away or the situation collapses or "
            "escalates. Scores compare what each side got with its starting no-deal value, plus the "
            "consequences of how the game ended.",
        ],
    ),
    (
        "Keys",
        [
            "F1 help  •  Esc back or close  •  Enter confirm  •  F5 reload the scenario list  •  "
            "F11 full screen. Hover over any button to see what it does.",
            "At the table: E end your move  •  S send the offer you built  •  C clear it  •  B reread your "
            "briefing  •  Ctrl+S save  •  F9 the facilitator panel (for the teacher).",
        ],
    ),
]
