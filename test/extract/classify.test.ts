import { describe, expect, it } from "vitest";
import { classify, describeDocument } from "../../src/extract/classify.js";
import { buildLayout, h, p, table } from "../helpers/layout-builder.js";

describe("classify", () => {
  it("recognises a progress report by its wording", () => {
    const layout = buildLayout([
      [
        p("Evaluative Progress Report October 18 - March 2019"),
        p("The cornerstones for keeping people safe are set out in Figure 1."),
        p("Self-Assessed Score Against Measures"),
        h("1). Good Governance"),
        p("What does good look like? We ensure that …"),
      ],
    ]);
    expect(classify(layout)).toMatchObject({ kind: "progress-report", framework: "cornerstones" });
  });

  it("recognises a strategic overview by its structure words", () => {
    const layout = buildLayout([
      [
        h("Strategic Overview Report for Safeguarding March 2016", 1),
        table([
          ["", "POINT OF EVALUATION"],
          ["Key Priority Area", "April 2015", "Sept 2015"],
        ]),
        table([["What is our final destination?", "Our score between 1- 6)"]]),
      ],
    ]);
    expect(classify(layout)).toMatchObject({ kind: "strategic-overview", framework: "key-priority-areas" });
  });

  it("says unknown rather than guessing", () => {
    expect(classify(buildLayout([[p("Annual report on highways maintenance.")]], { source: "strategic-overview.pdf" })).kind).toBe(
      "unknown",
    );
  });
});

describe("describeDocument", () => {
  it("splits a leading authority from the title", () => {
    const layout = buildLayout([
      [h("Monmouthshire County Council: Strategic Overview Report for Safeguarding Mid-Point September 2015", 1), p("text")],
    ]);
    expect(describeDocument(layout)).toEqual({
      title: "Strategic Overview Report for Safeguarding Mid-Point September 2015",
      authority: "Monmouthshire County Council",
    });
  });

  it("takes the first line as title when a text extraction marks no headings, and the authority from the text", () => {
    const layout = buildLayout(
      [
        [
          p("Evaluative Progress Report October 17 \u2013 March 2018"),
          p("This report evaluates the progress of Monmouthshire County Council\u2019s against its priorities."),
          h("1). Good Governance"),
          p("The Council\u2019s Safeguarding Policy; Monmouthshire County Council approved it."),
        ],
      ],
      { format: "text" },
    );
    expect(describeDocument(layout)).toEqual({
      title: "Evaluative Progress Report October 17 \u2013 March 2018",
      authority: "Monmouthshire County Council",
    });
  });

  it("reads a council name line above the title as the title block: authority and title", () => {
    const layout = buildLayout([
      [p("Glanrafon County Borough Council"), h("Safeguarding Self-Evaluation 2017/18", 1), p("Rhoswen County Council is our neighbour and Rhoswen County Council is mentioned often.")],
    ]);
    expect(describeDocument(layout)).toEqual({ title: "Safeguarding Self-Evaluation 2017/18", authority: "Glanrafon County Borough Council" });
  });

  it("takes the English name of a bilingual title block, and short forms of a name", () => {
    const bilingual = buildLayout([[p("Cyngor Sir Fynwy"), p("Monmouthshire County Council"), p("Annual Safeguarding Evaluation 2019"), p("Body text.")]]);
    expect(describeDocument(bilingual)).toEqual({ title: "Annual Safeguarding Evaluation 2019", authority: "Monmouthshire County Council" });
    const short = buildLayout([[h("**Torfaen CBC**", 2), h("Corporate Safeguarding Report", 1), p("Body text.")]]);
    expect(describeDocument(short)).toEqual({ title: "Corporate Safeguarding Report", authority: "Torfaen CBC" });
    const city = buildLayout([[p("City and County of Swansea"), p("Safeguarding Review"), p("Body.")]]);
    expect(describeDocument(city).authority).toBe("City and County of Swansea");
  });

  it("does not take a sentence or 'The Council' for a name line", () => {
    const layout = buildLayout([[p("The Council"), p("Safeguarding Review"), p("Body text.")]]);
    expect(describeDocument(layout).authority).toBeNull();
    const sentence = buildLayout([[p("Safeguarding Report to Council"), p("Body text naming no council at all.")]]);
    expect(describeDocument(sentence)).toEqual({ title: "Safeguarding Report to Council", authority: null });
    const titleCased = buildLayout([[p("Annual Safeguarding Report To Council"), p("Body text.")]]);
    expect(describeDocument(titleCased).authority).toBeNull();
  });
});
