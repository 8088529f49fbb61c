import { describe, expect, it } from "vitest";
import { actionSentences, extractActions, splitStatus } from "../../src/extract/actions.js";
import { contextOf, heading, item, para, table } from "../helpers/evidence-layout.js";

describe("splitStatus", () => {
  it("takes the status printed with an action", () => {
    expect(splitStatus("Develop the training programme (in progress).")).toEqual({ text: "Develop the training programme", status: "in progress" });
    expect(splitStatus("Listen to the survey (partially achieved).")).toEqual({ text: "Listen to the survey", status: "partially achieved" });
    expect(splitStatus("Action Plan in response to IA report - COMPLETE")).toEqual({ text: "Action Plan in response to IA report", status: "COMPLETE" });
    expect(splitStatus("6 new referrals for Professional Strategy Meeting (PSM)")).toEqual({
      text: "6 new referrals for Professional Strategy Meeting (PSM)",
      status: null,
    });
  });
});

describe("actionSentences", () => {
  it("splits sentences, run-on imperatives, and drops cross-references", () => {
    expect(actionSentences("Continue to work with settings about e-safety Implement training programme", true)).toEqual([
      "Continue to work with settings about e-safety",
      "Implement training programme",
    ]);
    expect(actionSentences("Increase clarity in roles. See also SIP response to Rec 10 CSSIW Implement staff survey.", true)).toEqual([
      "Increase clarity in roles.",
      "Implement staff survey.",
    ]);
    expect(actionSentences("for schools and settings. This will form part of the audit framework.", true)).toEqual([
      "for schools and settings. This will form part of the audit framework.",
    ]);
  });
});

describe("extractActions", () => {
  it("reads an action plan: standards, further actions, RAG ('' when empty) and area per row", () => {
    const plan = table([
      ["Standard", "Evidence", "RAG Rate", "Further Actions Required"],
      ["Strengthen links with the regional Boards.", "Strong involvement", "", "Clear pathways of implementation\nCompletion of Risk Register"],
      ["Implement fully the referral pathway", "Implemented post Dec 17", "Amber", ""],
    ]);
    const ctx = contextOf([plan], { areas: { "0:1": "good-governance", "0:2": "preventative-approach" } });
    const got = extractActions(ctx).actions.map((a) => [a.kind, a.text, a.rag, a.areaKey]);
    expect(got).toEqual([
      ["standard", "Strengthen links with the regional Boards.", "", "good-governance"],
      ["further-action", "Clear pathways of implementation", "", "good-governance"],
      ["further-action", "Completion of Risk Register", "", "good-governance"],
      ["standard", "Implement fully the referral pathway", "Amber", "preventative-approach"],
    ]);
  });

  it("reads next steps and future-action columns with rag null and a due month", () => {
    const blocks = [
      table([["AREAS FOR IMPROVEMENT", "WHAT HAVE WE DONE", "NEXT STEPS"], ["Policy (Estyn)", "Implemented policy", "Policy Review"]]),
      table([
        ["Where do we want to be?", "What next / Future actions? (Consequence of evaluation)"],
        ["2. Policy embedded", "Review the policy biennially – next review due by end Sept 2015.  Raise awareness of the policy."],
      ]),
    ];
    const got = extractActions(contextOf(blocks)).actions.map((a) => [a.kind, a.text, a.rag, a.due]);
    expect(got).toEqual([
      ["next-step", "Policy Review", null, null],
      ["future-action", "Review the policy biennially – next review due by end Sept 2015.", null, "2015-09"],
      ["future-action", "Raise awareness of the policy.", null, null],
    ]);
  });

  it("joins an action cut by a page break into the continuation table", () => {
    const head = ["Where do we want to be?", "What next / Future actions?"];
    const blocks = [
      table([head, ["3. Audit framework", "Implement the revised framework. The second round of implementation to"]]),
      table([["Where do we want to be?", ""], ["services met their duties", "action plans.  Develop the audit process."]]),
    ];
    expect(extractActions(contextOf(blocks)).actions.map((a) => a.text)).toEqual([
      "Implement the revised framework.",
      "The second round of implementation to action plans.",
      "Develop the audit process.",
    ]);
  });

  it("reads lists under a label with their statuses, until the next label", () => {
    const blocks = [
      heading("The key areas requiring development over 2015 – 16 are:"),
      item("Further develop self-evaluation (in progress)."),
      item("Use the external validation review (achieved)."),
      heading("NEXT STEPS:"),
      item("Focus on children subject to re-registration"),
      para("6."),
      para("MANAGING CONCERNS: Our analysis alerted us to referrals."),
    ];
    const got = extractActions(contextOf(blocks, { format: "markdown" })).actions.map((a) => [a.kind, a.text, a.status, a.rag]);
    expect(got).toEqual([
      ["development-priority", "Further develop self-evaluation", "in progress", null],
      ["development-priority", "Use the external validation review", "achieved", null],
      ["next-step", "Focus on children subject to re-registration", null, null],
    ]);
  });

  it("reads a flattened action plan in text, skipping the evidence paragraphs", () => {
    const blocks = [
      para("Standard Evidence RAG Rate Further Actions Required"),
      para("Strengthen links between the Boards and practice."),
      para("Current strong involvement in all areas of the Boards"),
      para("Clear pathways of implementation in Monmouthshire"),
      para("?????"),
    ];
    const got = extractActions(contextOf(blocks, { format: "text" })).actions.map((a) => a.text);
    expect(got).toEqual(["Strengthen links between the Boards and practice.", "Clear pathways of implementation in Monmouthshire"]);
  });

  it("records an evidence item printed with a completion status", () => {
    const ctx = contextOf([para("Action Plan in response to IA report (Oct 17) re: placements - COMPLETE")], { format: "text" });
    expect(extractActions(ctx).actions).toEqual([
      expect.objectContaining({ kind: "further-action", status: "COMPLETE", text: "Action Plan in response to IA report (Oct 17) re: placements" }),
    ]);
  });

  it("a list of bullets ends where numbered items begin (the next case study), and the other way round", () => {
    const blocks = [
      para("NEXT STEPS:"),
      item("• Continue to work with schools through training and consultation."),
      item("• Focus on children subject to re-registration"),
      item("3. WORKING WITH VOLUNTEERS: A staff member sought advice about working with volunteers. We implemented a review."),
      para("Next steps:"),
      item("1. Implement training for trainers programme"),
      item("2. Strengthen training requirement within licensing arrangements"),
      item("• A bulleted note that follows the numbered steps"),
    ];
    const got = extractActions(contextOf(blocks)).actions.map((a) => a.text);
    expect(got).toEqual([
      "Continue to work with schools through training and consultation.",
      "Focus on children subject to re-registration",
      "Implement training for trainers programme",
      "Strengthen training requirement within licensing arrangements",
    ]);
  });

  it("a title in capitals left as a paragraph ends a list, and what follows it is not an item", () => {
    const blocks = [
      para("Development priorities:"),
      para("Increase the line of sight between senior leaders and front-line practice"),
      para("KEY AREAS OF ACTIVITY AND SCORE TABLE"),
      para("Key Priority Area"),
      para("April"),
    ];
    expect(extractActions(contextOf(blocks, { format: "text" })).actions.map((a) => a.text)).toEqual([
      "Increase the line of sight between senior leaders and front-line practice",
    ]);
  });
});
