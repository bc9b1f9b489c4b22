"""Pathways: decision flowcharts as graphs of entry, question, action, note and link nodes."""

from typing import Annotated, Literal, Union

from pydantic import Field

from ..kinds import Kind
from .base import Grade, RecordBase, Slug, Strict, field


class Branch(Strict):
    label: str = field("The answer that leads down this branch.", "Yes", min_length=1)
    to: Slug = field("Id of the node this branch leads to.", "action-tdxd")


class NodeBase(Strict):
    id: Slug = field("Node id, unique within the pathway.", "start")
    text: str = field("What the node says (Markdown, may cite).", "Visceral crisis?", min_length=1, cites="optional")
    label: str | None = field("Short text for the flowchart box (plain text, up to 60 characters); without it the box "
                              "shows the first clause of the text.", "Visceral crisis?", default=None, min_length=1, max_length=60)
    cites: list[str] = field("Bibliography keys supporting the node.", [], default_factory=list, cites="optional", cites_with="text")


class EntryNode(NodeBase):
    type: Literal["entry"] = field("Node type.", "entry")
    next: Slug = field("The first node after the entry.", "question-crisis")


class QuestionNode(NodeBase):
    type: Literal["question"] = field("Node type.", "question")
    branches: list[Branch] = field("The answers and where each leads (two or more).",
                                   [{"label": "Yes", "to": "action-tdxd"}, {"label": "No", "to": "note-other"}], min_length=2)


class ActionNode(NodeBase):
    type: Literal["action"] = field("Node type.", "action")
    # An action states what to do, so it must cite (in cites or in its text).
    cites: list[str] = field("Bibliography keys supporting the action (or cite in its text).", ["baselga2012"],
                             default_factory=list, cites="required", cites_with="text")
    drugs: list[Slug] = field("Drug ids of the regimen.", [], default_factory=list, links_to="drugs")
    trials: list[Slug] = field("Trial ids supporting the action.", [], default_factory=list, links_to="trials")
    subtypes: list[Slug] = field("Subtype ids the action refers to.", [], default_factory=list, links_to="subtypes")
    settings: list[Slug] = field("Setting ids whose options the action refers to.", [], default_factory=list, links_to="settings")
    grade: Grade | None = field("ESMO grade, only when a cited guideline gives it.", None, default=None)
    next: Slug | None = field("Optional following node.", None, default=None)


class NoteNode(NodeBase):
    type: Literal["note"] = field("Node type.", "note")
    next: Slug | None = field("Optional following node.", None, default=None)


class LinkNode(NodeBase):
    type: Literal["link"] = field("Node type.", "link")
    pathway: Slug = field("Id of the pathway this node continues in.", "her2-positive-later-lines", links_to="pathways")


Node = Annotated[Union[EntryNode, QuestionNode, ActionNode, NoteNode, LinkNode], Field(discriminator="type")]


class Pathway(RecordBase):
    title: str = field("Title of the flowchart.", "HER2-positive disease after trastuzumab", min_length=1)
    subtypes: list[Slug] = field("Subtype ids the pathway applies to.", ["her2-positive"], default_factory=list, links_to="subtypes")
    summary: str = field("Markdown introduction to the flowchart, cited where it states facts.", "Scope of this pathway.", min_length=1,
                         cites="optional")
    nodes: list[Node] = field("The nodes of the flowchart.",
                              [{"id": "start", "type": "entry", "text": "HER2-positive metastatic disease", "next": "question-crisis"}],
                              min_length=1)

KIND = Kind(folder="pathways", singular="pathway", title="Pathways", model=Pathway, nav_order=2, label_field="title",
            backlink_intro="Decision flowcharts that name this record")
