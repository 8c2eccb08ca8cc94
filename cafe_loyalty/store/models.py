"""The tables. Progress, balances and counts are derived from rows, never stored counters.

Times are naive UTC. Nothing a barista does deletes a row: undo sets ``voided_*`` fields, and
every change also lands in :class:`Event`, the append-only audit log.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import peewee as pw

database_proxy = pw.DatabaseProxy()


class BaseModel(pw.Model):
    if TYPE_CHECKING:  # peewee adds these at run time; declared so the type checker knows them
        id: ClassVar[pw.AutoField[int]]

    class Meta:
        database = database_proxy
        legacy_table_names = False


class Branch(BaseModel):
    """One café of a chain (schema 11). A single café is a chain of one branch, named after it;
    every stamp, visit, reward, card, check-back and regular records the branch it happened at."""

    name = pw.TextField(unique=True)
    created_at = pw.DateTimeField()
    closed_at = pw.DateTimeField(null=True)


class Staff(BaseModel):
    name = pw.CharField(max_length=80)
    role = pw.CharField(max_length=16, default="barista")  # barista | manager | owner
    pin_hash = pw.CharField(null=True)
    active = pw.BooleanField(default=True)
    created_at = pw.DateTimeField()
    # schema 11: where they work; bounds a branch manager's rights (the owner's is only a home)
    branch = pw.ForeignKeyField(Branch, null=True, on_delete="RESTRICT", backref="+")
    if TYPE_CHECKING:
        branch_id: int | None


class MenuItem(BaseModel):
    name = pw.TextField()
    category = pw.TextField(default="")
    active = pw.BooleanField(default=True)
    created_at = pw.DateTimeField()  # "added on": new items are suggested to regulars first
    updated_at = pw.DateTimeField(null=True)


class Customer(BaseModel):
    first_name = pw.TextField()
    last_name = pw.TextField(default="")
    phone = pw.TextField(default="")
    email = pw.TextField(default="")
    usual = pw.TextField(default="")
    notes = pw.TextField(default="")
    birthday_month = pw.IntegerField(null=True)
    birthday_day = pw.IntegerField(null=True)
    birthday_year = pw.IntegerField(null=True)
    birthday_calendar = pw.CharField(max_length=10, default="gregorian")  # gregorian | jalali
    # Folded "first last phone-digits code" for search (see cafe_loyalty.text.fold).
    search_key = pw.TextField(default="")
    created_at = pw.DateTimeField()
    # When the regular was last served; kept in the same transaction as the stamp that sets it,
    # because ordering tiles by MAX(stamp.at) would scan every stamp on each keystroke.
    last_seen_at = pw.DateTimeField(null=True)
    forgotten_at = pw.DateTimeField(null=True)
    # schema 2
    allergies = pw.TextField(default="")  # shown in red on the panel
    dietary = pw.TextField(default="")  # comma-separated flags, e.g. "vegan,lactose-free"
    usual_item = pw.ForeignKeyField(MenuItem, null=True, on_delete="RESTRICT", index=False)  # pinned usual
    usual_modifiers = pw.TextField(default="")
    referred_by = pw.ForeignKeyField("self", null=True, on_delete="RESTRICT", backref="referrals")
    # schema 5: visits so far and the first one, kept with last_seen_at (see Ledger._SEEN)
    visits = pw.IntegerField(default=0)
    first_visit_at = pw.DateTimeField(null=True)
    # schema 9: a duplicate merged into another regular (services/merging.py); also forgotten_at
    merged_into = pw.ForeignKeyField("self", null=True, on_delete="RESTRICT", index=False, backref="+")
    # schema 11: where they joined
    branch = pw.ForeignKeyField(Branch, null=True, on_delete="RESTRICT", backref="+")
    if TYPE_CHECKING:  # the raw ids peewee adds beside each foreign key
        branch_id: int | None
        usual_item_id: int | None
        referred_by_id: int | None
        merged_into_id: int | None

    class Meta:
        # schema 4: the tile order with the search key inside, so search reads only the index
        indexes = ((("last_seen_at", "id", "forgotten_at", "search_key"), False),)


class CardCode(BaseModel):
    """The code printed in a customer's QR card. It outlives stamp cards: a regular keeps the
    same printed card across redemptions; only "reissue" (lost card) replaces it."""

    code = pw.CharField(max_length=19, unique=True)
    customer = pw.ForeignKeyField(Customer, backref="codes", on_delete="RESTRICT")
    issued_at = pw.DateTimeField()
    revoked_at = pw.DateTimeField(null=True)
    replaced_by = pw.ForeignKeyField("self", null=True, on_delete="RESTRICT", index=False)
    if TYPE_CHECKING:  # the raw ids peewee adds beside each foreign key
        customer_id: int
        replaced_by_id: int | None


class Card(BaseModel):
    """One round of the stamp card: ``slots`` to fill, ``head_start`` of them given at issue."""

    customer = pw.ForeignKeyField(Customer, backref="cards", on_delete="RESTRICT", index=False)
    slots = pw.IntegerField()
    head_start = pw.IntegerField()
    issued_at = pw.DateTimeField()
    # active | redeemed | void | merged (a merged twin's card whose stamps wait for the next card)
    status = pw.CharField(max_length=12, default="active")
    closed_at = pw.DateTimeField(null=True)
    branch = pw.ForeignKeyField(Branch, null=True, on_delete="RESTRICT", backref="+")  # schema 11
    if TYPE_CHECKING:  # the raw ids peewee adds beside each foreign key
        branch_id: int | None
        customer_id: int

    class Meta:
        # schema 8: card completion reads issued_at..slots from the index alone (services/completion.py)
        indexes = (
            (("customer", "status"), False),
            (("issued_at", "status", "closed_at", "head_start", "slots"), False),
        )


class Stamp(BaseModel):
    card = pw.ForeignKeyField(Card, backref="stamps", on_delete="RESTRICT", index=False)
    at = pw.DateTimeField()
    staff = pw.ForeignKeyField(Staff, null=True, on_delete="RESTRICT", index=False)
    source = pw.CharField(max_length=12)  # head_start | purchase
    forced = pw.BooleanField(default=False)  # the double-tap guard was overridden
    voided_at = pw.DateTimeField(null=True)
    voided_by = pw.ForeignKeyField(Staff, null=True, on_delete="RESTRICT", backref="+", index=False)
    void_reason = pw.TextField(null=True)
    visit = pw.DeferredForeignKey("Visit", null=True, on_delete="RESTRICT", index=False)  # schema 2
    till_ref = pw.TextField(null=True)  # schema 10: the id a till of several gave it (offline queue)
    branch = pw.ForeignKeyField(Branch, null=True, on_delete="RESTRICT", backref="+")  # schema 11
    if TYPE_CHECKING:  # the raw ids peewee adds beside each foreign key
        branch_id: int | None
        card_id: int
        staff_id: int | None
        voided_by_id: int | None
        visit_id: int | None

    class Meta:
        indexes = ((("card", "voided_at"), False),)


class Redemption(BaseModel):
    card = pw.ForeignKeyField(Card, backref="redemptions", on_delete="RESTRICT")
    next_card = pw.ForeignKeyField(Card, null=True, on_delete="RESTRICT", backref="+")
    at = pw.DateTimeField()
    staff = pw.ForeignKeyField(Staff, null=True, on_delete="RESTRICT", index=False)
    reward = pw.TextField()
    voided_at = pw.DateTimeField(null=True)
    voided_by = pw.ForeignKeyField(Staff, null=True, on_delete="RESTRICT", backref="+", index=False)
    void_reason = pw.TextField(null=True)
    branch = pw.ForeignKeyField(Branch, null=True, on_delete="RESTRICT", backref="+")  # schema 11
    if TYPE_CHECKING:  # the raw ids peewee adds beside each foreign key
        branch_id: int | None
        card_id: int
        next_card_id: int | None
        staff_id: int | None
        voided_by_id: int | None


class Visit(BaseModel):
    """A regular came in and had something (schema 2). Stamping alone records no Visit: a purchase
    stamp without one counts as a visit by itself (see services/visits.py)."""

    customer = pw.ForeignKeyField(Customer, backref="visits", on_delete="RESTRICT", index=False)
    at = pw.DateTimeField()
    staff = pw.ForeignKeyField(Staff, null=True, on_delete="RESTRICT", index=False)
    voided_at = pw.DateTimeField(null=True)
    branch = pw.ForeignKeyField(Branch, null=True, on_delete="RESTRICT", backref="+")  # schema 11
    if TYPE_CHECKING:  # the raw ids peewee adds beside each foreign key
        branch_id: int | None
        customer_id: int
        staff_id: int | None

    class Meta:
        indexes = ((("customer", "at"), False),)


class VisitItem(BaseModel):
    visit = pw.ForeignKeyField(Visit, backref="items", on_delete="RESTRICT")
    item = pw.ForeignKeyField(MenuItem, on_delete="RESTRICT", index=False)
    modifiers = pw.TextField(default="")
    if TYPE_CHECKING:  # the raw ids peewee adds beside each foreign key
        visit_id: int
        item_id: int


class Feedback(BaseModel):
    customer = pw.ForeignKeyField(Customer, backref="feedback", on_delete="RESTRICT")
    at = pw.DateTimeField()
    staff = pw.ForeignKeyField(Staff, null=True, on_delete="RESTRICT", index=False)
    kind = pw.CharField(max_length=12)  # praise | complaint | idea
    text = pw.TextField()
    status = pw.CharField(max_length=12, default="open")  # open | resolved
    resolved_at = pw.DateTimeField(null=True)
    resolved_by = pw.ForeignKeyField(Staff, null=True, on_delete="RESTRICT", backref="+", index=False)
    resolution = pw.TextField(default="")
    branch = pw.ForeignKeyField(Branch, null=True, on_delete="RESTRICT", backref="+")  # schema 11
    if TYPE_CHECKING:  # the raw ids peewee adds beside each foreign key
        branch_id: int | None
        customer_id: int
        staff_id: int | None
        resolved_by_id: int | None


class Treat(BaseModel):
    """Surprise and delight: a birthday drink, a new pastry to try."""

    customer = pw.ForeignKeyField(Customer, backref="treats", on_delete="RESTRICT")
    at = pw.DateTimeField()
    staff = pw.ForeignKeyField(Staff, null=True, on_delete="RESTRICT", index=False)
    what = pw.TextField()
    why = pw.CharField(max_length=16)  # birthday | new-item | milestone | apology | other
    note = pw.TextField(default="")
    if TYPE_CHECKING:  # the raw ids peewee adds beside each foreign key
        customer_id: int
        staff_id: int | None


class Event(BaseModel):
    """Append-only audit log: who did what to which row, with the values before and after."""

    at = pw.DateTimeField()
    staff = pw.ForeignKeyField(Staff, null=True, on_delete="RESTRICT", index=False)
    action = pw.CharField(max_length=40)
    entity = pw.CharField(max_length=24)
    entity_id = pw.IntegerField(null=True)
    detail = pw.TextField(default="{}")  # JSON
    if TYPE_CHECKING:  # the raw ids peewee adds beside each foreign key
        staff_id: int | None
    # Indexed on (entity, entity_id) except for stamp events (schema 5, a partial index that
    # peewee's Meta cannot describe; see migrations.SCHEMA_V5).


class Erasure(BaseModel):
    """A customer was forgotten (schema 7): no personal data, only which row and when, so a
    restore of an older backup forgets them again (see cafe_loyalty/erasure.py)."""

    customer_id = pw.IntegerField()  # no foreign key: it must outlive a restore of the customer table
    customer_created_at = pw.DateTimeField()
    erased_at = pw.DateTimeField()

    class Meta:
        indexes = ((("customer_id", "customer_created_at"), True),)


class Experiment(BaseModel):
    """The owner's test of two card designs (schema 8). What was planned is fixed at the start
    and kept, so the verdict is judged against the plan, not against whatever looked good later
    (see services/experiments.py)."""

    started_at = pw.DateTimeField()
    started_by = pw.ForeignKeyField(Staff, null=True, on_delete="RESTRICT", index=False)
    arms = pw.TextField()  # JSON: [[slots, head_start], [slots, head_start]]
    min_effect = pw.FloatField()  # the smallest difference in completion the owner cares about
    baseline = pw.FloatField()  # the completion rate assumed for the second arm when planning
    planned_per_arm = pw.IntegerField()
    window_days = pw.IntegerField()  # a card is finished if its reward came within this many days
    seed = pw.IntegerField()  # with a regular's id, reproduces their arm
    ended_at = pw.DateTimeField(null=True)
    ended_by = pw.ForeignKeyField(Staff, null=True, on_delete="RESTRICT", index=False, backref="+")
    kept = pw.TextField(null=True)  # the design chosen at the end, "10/2"
    if TYPE_CHECKING:
        started_by_id: int | None
        ended_by_id: int | None


class Enrolment(BaseModel):
    """A new regular's arm in an experiment (schema 8): kept for every card they get until it ends."""

    experiment = pw.ForeignKeyField(Experiment, on_delete="RESTRICT", index=False)
    customer = pw.ForeignKeyField(Customer, on_delete="RESTRICT", index=False)
    arm = pw.IntegerField()
    at = pw.DateTimeField()
    card = pw.ForeignKeyField(Card, on_delete="RESTRICT", index=False, backref="+")  # their first card in it
    if TYPE_CHECKING:
        experiment_id: int
        customer_id: int
        card_id: int

    class Meta:
        indexes = ((("customer", "experiment"), True), (("experiment", "arm"), False))


class CheckBack(BaseModel):
    """Staff asked a regular how it was, a little after serving (schema 8): the answer, who
    asked, and what it was about; an answer that needs acting on is also a Feedback row."""

    customer = pw.ForeignKeyField(Customer, on_delete="RESTRICT", index=False)
    visit = pw.ForeignKeyField(Visit, null=True, on_delete="RESTRICT", index=False)
    stamp = pw.ForeignKeyField(Stamp, null=True, on_delete="RESTRICT", index=False)  # a visit without items
    item = pw.ForeignKeyField(MenuItem, null=True, on_delete="RESTRICT", index=False)
    at = pw.DateTimeField()
    staff = pw.ForeignKeyField(Staff, null=True, on_delete="RESTRICT", index=False)
    result = pw.CharField(max_length=8)  # good | not | note
    feedback = pw.ForeignKeyField(Feedback, null=True, on_delete="RESTRICT", index=False)
    branch = pw.ForeignKeyField(Branch, null=True, on_delete="RESTRICT", backref="+")  # schema 11
    if TYPE_CHECKING:
        branch_id: int | None
        customer_id: int
        visit_id: int | None
        stamp_id: int | None
        item_id: int | None
        staff_id: int | None
        feedback_id: int | None

    class Meta:
        table_name = "checkback"
        indexes = ((("customer", "at"), False), (("item", "result"), False), (("at",), False))


class ImportBatch(BaseModel):
    """One import of regulars from a file (schema 9), undoable as a whole (services/imports.py)."""

    at = pw.DateTimeField()
    by = pw.ForeignKeyField(Staff, null=True, on_delete="RESTRICT", index=False, backref="+")
    file_name = pw.TextField()
    added = pw.IntegerField()
    updated = pw.IntegerField()
    skipped = pw.IntegerField()
    rejected = pw.IntegerField()
    undone_at = pw.DateTimeField(null=True)
    undone_by = pw.ForeignKeyField(Staff, null=True, on_delete="RESTRICT", index=False, backref="+")
    finished_at = pw.DateTimeField(null=True)  # schema 11: written in chunks; set with the last
    if TYPE_CHECKING:
        by_id: int | None
        undone_by_id: int | None


class ImportRow(BaseModel):
    """A regular an import added, or filled empty fields of (``before``: those fields' old
    values, JSON), so the import can be undone."""

    batch = pw.ForeignKeyField(ImportBatch, on_delete="RESTRICT", backref="rows")
    customer = pw.ForeignKeyField(Customer, on_delete="RESTRICT")
    kind = pw.CharField(max_length=8)  # added | updated
    before = pw.TextField()
    if TYPE_CHECKING:
        batch_id: int
        customer_id: int


class Setting(BaseModel):
    key = pw.CharField(primary_key=True, max_length=40)
    value = pw.TextField()

    @classmethod
    def put(cls, key: str, value: str) -> None:
        """Set ``key`` to ``value``, adding the row if it is not there (an upsert that both
        SQLite and PostgreSQL spell the same way)."""
        cls.insert(key=key, value=value).on_conflict(conflict_target=[cls.key], update={cls.value: value}).execute()


ALL_MODELS: list[type[BaseModel]] = [
    Branch,
    Staff,
    MenuItem,
    Customer,
    CardCode,
    Card,
    Stamp,
    Redemption,
    Visit,
    VisitItem,
    Feedback,
    Treat,
    Event,
    Erasure,
    Experiment,
    Enrolment,
    CheckBack,
    ImportBatch,
    ImportRow,
    Setting,
]
