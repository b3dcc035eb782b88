"""A commented template scenario for authors to copy and fill in.

It is deliberately small but touches every section, and it validates as written (a test loads it), so an
author starts from something that works and changes one thing at a time.
"""

from __future__ import annotations

TEMPLATE = """\
# yaml-language-server: $schema={schema}
# A Negotiator scenario. Every field is described in docs/scenario-format.md; `python main.py validate FILE`
# reports every problem with its line. Quote text that YAML could read as something else:
# "NO", "yes", "on", "1.10" and "12:30" must be written in quotes to stay text.
format_version: 1

metadata:
  id: my_scenario                      # lower-case letters, digits and underscores
  title: "A Harbour Dispute"
  summary: >-
    Two neighbouring towns share one harbour. They must agree on fees and on who dredges the channel
    before the fishing season opens.
  period: "Spring"
  content_note: "Fictional; no real places or people."
  version: "0.1"
  authors: ["Your Name"]
  sources:
    - title: "Where the content comes from"
      outlet: "Publisher"
      date: "2025-01-01"                 # quoted: an unquoted date is read as a date, not text

# Numbers the game tracks. scope: actor gives every actor its own value; shared is one value for all.
meters:
  - id: support
    name: "Local support"
    description: "How much the town's council backs its negotiator."
    scope: actor
    min: 0
    max: 100
    initial: 60
    holders: [northport, southbay]
    score_weight: 10                   # points for moving it across its whole range in your favour
  - id: patience
    name: "Board patience"
    description: "How long the harbour board will wait before it refers the dispute to arbitration."
    initial: 40
    holders: [harbour_board]           # only the board has patience; the towns have no value of it
  - id: delays
    name: "Delays"
    description: "Bookkeeping: turns in which nothing was agreed."
    scope: shared
    initial: 0
    hidden: true                       # rules read it; players never see it (a hidden meter nothing
                                       # reads is a warning: it would do nothing)
  - id: tension
    name: "Tension"
    description: "How heated the dispute has become; too high and the talks collapse."
    scope: shared
    min: 0
    max: 100
    initial: 20
    higher_is_better: false
    source: "Where the meter comes from, quoted from your source"

actors:
  - id: northport
    name: "Town of Northport"
    short_name: "Northport"
    colour: "#3366cc"
    playable: true
    public_brief: "Northport owns the larger quay and wants low fees."
    confidential_brief: "Northport's council will accept higher fees if the channel is dredged soon."
    goals: ["Keep harbour fees low", "Get the channel dredged"]
    ai: {personality: pragmatist, difficulty: normal}   # fears: [collapse] would count only that ending
    meters: {support: 55}              # overrides the meter's initial value for this actor
  - id: southbay
    name: "Town of Southbay"
    short_name: "Southbay"
    colour: "#cc6633"
    public_brief: "Southbay pays for harbour upkeep and wants fees that cover it."
    confidential_brief: "Southbay cannot afford to dredge alone this year."
    goals: ["Fees that cover upkeep"]
    ai: {personality: reciprocator, risk_tolerance: 0.3}   # weighs the risk of a collapse at 70 %
  - id: harbour_board                  # present, but not at the table: levers and events still reach it
    name: "Harbour Board"
    short_name: "Board"
    colour: "#718096"
    playable: false
    negotiates: false
    public_brief: "The board licenses the harbour and can impose a settlement if the towns cannot agree."
    confidential_brief: "The board is not played; its patience runs down every turn."
    source: "Quote the passage this actor comes from"

# What is on the table. Options are listed in a meaningful order; signatories must all agree.
issues:
  - id: fees
    name: "Harbour fees"
    description: "What boats pay to use the harbour."
    signatories: [northport, southbay]
    options:
      - {id: low, label: "Low fees"}
      - {id: medium, label: "Medium fees"}
      - {id: high, label: "High fees"}
  - id: dredging
    name: "Dredging"
    description: "Who pays to dredge the shared channel."
    signatories: [northport, southbay]
    options:
      - {id: north_pays, label: "Northport pays"}
      - {id: split, label: "Split the cost"}
      - {id: south_pays, label: "Southbay pays"}   # add consent: [ACTOR] for a negotiator who does not
                                                     # sign the issue but must agree to this option
  - id: ceremony
    name: "Opening ceremony"
    description: "Which town hosts the opening of the season; a deal does not need it settled."
    signatories: [northport, southbay]
    options:
      - {id: north_hosts, label: "Northport hosts"}
      - {id: south_hosts, label: "Southbay hosts"}

# Private preferences of every negotiating actor: a weight per issue and a value (0-1) per option.
preferences:
  northport:
    reservation:
      value: 0.35                      # what no deal is worth (same 0-1 scale)
      drift_per_turn: -0.01            # time pressure: no deal gets a little worse every turn
      moved_by:
        - {meter: support, actor: self, per_point: 0.002, pivot: 55}   # pivot = its starting support,
                                                                         # so it starts at exactly 0.35
    issues:
      fees:
        weight: 2
        values: {low: 1.0, medium: 0.6, high: 0.0}
        red_lines: [high]              # only on an issue this actor signs (or an option needs its consent)
      dredging:
        weight: 1
        values: {north_pays: 0.0, split: 0.6, south_pays: 1.0}
      ceremony:
        weight: 0.2
        values: {north_hosts: 1.0, south_hosts: 0.0}
  southbay:
    reservation:
      value: 0.3
    issues:
      fees:
        weight: 1
        values: {low: 0.0, medium: 0.6, high: 1.0}
      dredging:
        weight: 2
        values: {north_pays: 1.0, split: 0.7, south_pays: 0.0}
        red_lines: [south_pays]
      ceremony:
        weight: 0.2
        values: {north_hosts: 0.0, south_hosts: 1.0}

# Pressure an actor can apply. `self` is the owner, `target` the actor it is aimed at; on a meter with
# holders, both must hold it. A lever that moves nothing scored or read by a rule is a warning.
levers:
  - id: press_campaign
    owner: northport
    name: "Press campaign"
    description: "Northport's paper blames Southbay for the delays."
    cost: 1
    cooldown: 1
    targets: [southbay]
    success_chance: 0.7
    costs:
      - {kind: meter, meter: tension, change: 5}
    effects:
      - {kind: meter, meter: support, who: target, change: -8}
      - {kind: reservation, who: target, change: -0.03}
    failure_effects:
      - {kind: meter, meter: support, who: self, change: -5}
    news: "{owner}'s paper blames {target} for the harbour delays."
    failure_news: "{owner}'s press campaign falls flat."
  - id: close_quay
    owner: southbay
    name: "Close the south quay"
    description: "Southbay closes its quay for a day."
    cost: 2
    uses: 1
    available_from_turn: 2
    conditions:
      - {meter: support, actor: self, op: ">=", value: 40}
    targets: [northport]
    effects:
      - {kind: reservation, who: target, change: -0.05}
      - {kind: meter, meter: tension, change: 10}
    news: "{owner} closes its quay; {target}'s boats queue outside."
  - id: lobby_board
    owner: northport
    name: "Lobby the board"
    description: "Ask the harbour board to lose patience with Southbay."
    cost: 1
    effects:
      - {kind: meter, meter: patience, who: harbour_board, change: -5}
      - {kind: reservation, who: southbay, change: -0.03}   # the board's impatience worries Southbay
    news: "{owner} urges the harbour board to act."

# Things that happen at the start of a turn when their trigger holds.
events:
  - id: storm
    name: "Storm damages the channel"
    trigger: {turn: 3}
    effects:
      - {kind: meter, meter: tension, change: 10}
      - {kind: reservation, who: all, change: -0.05}
    news: "A storm silts up the channel; both towns need it dredged soon."
    quote:
      text: "We cannot wait another season."
      speaker: "A harbour master"
      context: "to the local radio"
  - id: council_meeting
    name: "Council meeting"
    trigger:
      from_turn: 2
      when:
        - {meter: tension, op: ">", value: 50}
      chance: 0.5
      once: true
    effects:
      - {kind: meter, meter: support, who: all, change: -10}
    news: "Both councils meet and criticise the slow talks."
  - id: fishermen_protest
    name: "Fishermen protest"
    trigger:
      chance: 0.0
      once: false
      chance_moved_by:                 # 0 % with no delays, 30 % after three turns without agreement
        - {meter: delays, per_point: 0.1, pivot: 0}
    effects:
      - {kind: meter, meter: tension, change: 5}
    news: "Fishermen block the harbour mouth to protest the delays."
    happened: false                    # true only if your source reports that it really happened
    source: "Quote the passage this event comes from"

rules:
  turns: 6
  action_points: 2
  offers_per_turn: 1
  deal_issues: [fees, dredging]        # a deal needs these settled; the ceremony may stay open (never [])
  each_turn:
    - {kind: meter, meter: patience, who: harbour_board, change: -5}
  each_turn_without_progress:
    - {kind: meter, meter: tension, change: 3}
    - {kind: meter, meter: delays, change: 1}
  deadline_text: "The season opens without an agreement; the channel stays silted."
  arbitration:                         # what the board imposes when it refers the dispute
    at_deadline: false                 # true: the deadline refers it too
    rule: midpoint                     # halfway between the towns' latest offers; a ruling that crosses
                                       # a town's red line is refused, and the talks end without agreement
    package: {fees: medium, dredging: split}   # where nobody proposed anything
    text: "The board imposes a settlement."
  endings:                             # kinds: walk_away, collapse, escalation, arbitration; an id names
                                       # one for ai.fears, and points: {...} gives it its own points
    - kind: collapse
      when: {meter: tension, op: ">=", value: 90}
      text: "Tempers boil over and the talks collapse."
    - kind: arbitration
      actor: harbour_board
      when: {meter: patience, actor: harbour_board, op: "<=", value: 0}
      text: "The harbour board runs out of patience and imposes a settlement."
  commitments:
    score_penalty: 10
    effects:
      - {kind: meter, meter: support, who: self, change: -10}
  scoring:
    deal_points: 100
    ending_points:
      collapse: -30
      arbitration: {northport: -5, southbay: -5}   # per actor; a number gives everyone the same

# Optional classroom material: `python main.py briefs` and the debrief report read it.
teaching:
  learning_objectives:
    - "Explain what a no-deal value is and why neither town should accept less."
  discussion_questions:
    - text: "Which issue mattered most to the other town, and when did you find out?"
    - role: northport
      text: "Was the press campaign worth the tension it cost?"
  glossary:
    - term: "No-deal value"
      definition: "What a town gets if the talks fail, on the same 0 to 1 scale as offers."
  timings:
    - {phase: "Reading the briefs", minutes: 10}
    - {phase: "Negotiation", minutes: 25}
    - {phase: "Debrief", minutes: 15}
"""


def template_text(schema_ref: str = "../docs/scenario.schema.json") -> str:
    """The template scenario text (valid as written); `schema_ref` is where editors find the JSON Schema."""
    return TEMPLATE.replace("{schema}", schema_ref, 1)
