import { describe, expect, it } from "vitest";
import { createKnowledgeBase } from "../../src/knowledge/knowledge-base.js";

/**
 * The questions every student asks, worded the way different students would ask them (formal
 * English, Russian, casual Discord). The bot answers only what it is sure of: each question is
 * either answered with the key facts (in the title, text or quote), or refused with an entry that
 * has them offered first. Which entry that is, is the engine's business.
 */
const { answers } = createKnowledgeBase();

interface Case {
  question: string;
  /** Strings (any case) the title + text + quote must all contain. */
  mustContain: string[];
}

const readable = (body: { title: string; text: string; quote: string }) => [body.title, body.text, body.quote].join("\n").toLowerCase();

/** What the bot shows for a question, lower-cased; fails when it does not answer. */
function shown(question: string): string {
  const result = answers.ask(question);
  expect(result.answered, `no answer for ${JSON.stringify(question)}`).toBe(true);
  return readable(result.answer!);
}

/** The answer, or when the bot is not sure enough to answer, the entry it offers first. */
function answeredOrOffered(question: string): string {
  const result = answers.ask(question);
  if (result.answered) return readable(result.answer!);
  const [first] = result.suggestions;
  expect(first, `nothing offered for ${JSON.stringify(question)}`).toBeDefined();
  return readable(answers.show(first!.id)!.answer!);
}

function expectMentions(question: string, mustContain: string[]): void {
  const haystack = answeredOrOffered(question);
  for (const needle of mustContain) expect(haystack, `answer to ${JSON.stringify(question)}`).toContain(needle.toLowerCase());
}

const topics: Record<string, Case[]> = {
  "what the CSTO is": [
    { question: "Could you give me a short description of the Collective Security Treaty Organization?", mustContain: ["1992", "russia"] },
    { question: "What sort of alliance is the CSTO?", mustContain: ["1992", "russia"] },
    { question: "Расскажи, что представляет собой ОДКБ", mustContain: ["1992", "russia"] },
    { question: "ok but what is csto actually lol", mustContain: ["1992", "russia"] },
    { question: "never heard of the csto, what is it", mustContain: ["1992", "russia"] },
  ],
  "treaty versus organisation and the founding date": [
    { question: "In which year did the Collective Security Treaty Organization come into being?", mustContain: ["1992", "2002"] },
    { question: "Did the CSTO start with the 1992 treaty or only in 2002?", mustContain: ["1992", "2002"] },
    { question: "What separates the Collective Security Treaty from the organisation built on it?", mustContain: ["1992", "2002"] },
    { question: "В каком году появилась ОДКБ?", mustContain: ["1992", "2002"] },
    { question: "csto birthday?? 92 or 02", mustContain: ["1992", "2002"] },
  ],
  "who founded the CSTO": [
    { question: "Which states were the founders of the CSTO?", mustContain: ["armenia", "kazakhstan", "tajikistan", "russia"] },
    { question: "Name the countries that set up the Collective Security Treaty Organization", mustContain: ["armenia", "kazakhstan", "tajikistan", "russia"] },
    { question: "Какие государства стали основателями ОДКБ?", mustContain: ["armenia", "kazakhstan", "tajikistan", "russia"] },
    { question: "who made the csto in the first place", mustContain: ["armenia", "kazakhstan", "tajikistan", "russia"] },
  ],
  "Article 4 and collective defence": [
    { question: "Explain Article 4 of the CST", mustContain: ["article 4", "aggression"] },
    { question: "Is an attack on one CSTO state considered an attack on all of them?", mustContain: ["aggression"] },
    { question: "Статья 4 договора: что она означает?", mustContain: ["article 4", "aggression"] },
    { question: "does csto have its own article 5 thing", mustContain: ["article 4", "aggression"] },
  ],
  "Russia's role": [
    { question: "What share of the CSTO's costs does Russia cover?", mustContain: ["russia", "50 percent"] },
    { question: "What part does Russia play in the Collective Security Treaty Organization?", mustContain: ["russia", "core state"] },
    { question: "Какое место занимает Россия в ОДКБ?", mustContain: ["russia", "core state"] },
    { question: "is csto basically just russia + friends", mustContain: ["russia"] },
  ],
  "Kazakhstan, January 2022": [
    { question: "Why were CSTO peacekeepers deployed to Kazakhstan?", mustContain: ["kazakhstan", "2,030"] },
    { question: "How large was the CSTO force sent to Kazakhstan in 2022?", mustContain: ["kazakhstan", "2,030"] },
    { question: "Почему войска ОДКБ вошли в Казахстан в 2022 году?", mustContain: ["kazakhstan", "2,030"] },
    { question: "wait the csto actually sent troops to kazakhstan? when", mustContain: ["kazakhstan", "2,030"] },
  ],
  "Armenia's quarrel and status": [
    { question: "What is the state of Armenia's membership in the CSTO?", mustContain: ["armenia", "froz"] },
    { question: "Why has Armenia turned away from the CSTO?", mustContain: ["armenia", "froz"] },
    { question: "Что происходит с участием Армении в ОДКБ?", mustContain: ["armenia", "froz"] },
    { question: "armenia still in csto or nah", mustContain: ["armenia", "froz"] },
  ],
  "secretaries general": [
    { question: "Who currently serves as the CSTO's Secretary General, and who came before?", mustContain: ["masadykov", "tasmagambetov"] },
    { question: "Name the people who have led the CSTO secretariat", mustContain: ["masadykov", "bordyuzha"] },
    { question: "Кто был генеральным секретарем ОДКБ до Масадыкова?", mustContain: ["masadykov", "tasmagambetov"] },
    { question: "who's the csto secgen these days", mustContain: ["masadykov"] },
  ],
  observers: [
    { question: "Which countries have observer status in the CSTO?", mustContain: ["serbia", "afghanistan"] },
    { question: "Is Serbia a CSTO observer?", mustContain: ["serbia", "observer"] },
    { question: "Кто наблюдатели в ОДКБ?", mustContain: ["serbia", "afghanistan"] },
    { question: "any observer countries in csto?", mustContain: ["serbia", "afghanistan"] },
  ],
  "the exits of Uzbekistan, Georgia and Azerbaijan": [
    { question: "Which states have withdrawn from the CSTO?", mustContain: ["uzbekistan", "1999", "2012"] },
    { question: "When did Uzbekistan quit and rejoin the CSTO?", mustContain: ["uzbekistan", "2006", "2012"] },
    { question: "Какие государства покинули ОДКБ?", mustContain: ["uzbekistan", "1999", "2012"] },
    { question: "who dipped from the csto", mustContain: ["uzbekistan", "1999"] },
  ],
  "relations with NATO": [
    { question: "How does NATO treat the CSTO?", mustContain: ["nato", "cooperat"] },
    { question: "Has NATO ever agreed to cooperate with the CSTO?", mustContain: ["nato", "cooperat"] },
    { question: "Сотрудничает ли ОДКБ с НАТО?", mustContain: ["nato", "cooperat"] },
    { question: "nato and csto friends or enemies", mustContain: ["nato"] },
  ],
  "China and the SCO": [
    { question: "Is China a partner of the CSTO?", mustContain: ["china"] },
    { question: "How does the SCO differ from the CSTO?", mustContain: ["sco"] },
    { question: "Какие отношения у ОДКБ с Китаем и ШОС?", mustContain: ["china", "sco"] },
    { question: "where does china fit in with csto", mustContain: ["china"] },
  ],
  "rapid reaction force and peacekeepers": [
    { question: "Does the CSTO have a rapid reaction force?", mustContain: ["rapid"] },
    { question: "What peacekeeping forces does the CSTO have?", mustContain: ["peacekeeping"] },
    { question: "Есть ли у ОДКБ силы быстрого реагирования?", mustContain: ["rapid"] },
    { question: "csto got its own troops or nah", mustContain: ["peacekeeping"] },
  ],
  "Tajikistan and the Afghan border": [
    { question: "How does the CSTO deal with threats from Afghanistan to Tajikistan?", mustContain: ["tajikistan", "afghanistan"] },
    { question: "Did the CSTO intervene in Gorno-Badakhshan?", mustContain: ["gorno-badakhshan"] },
    { question: "Как ОДКБ защищает Таджикистан от угроз из Афганистана?", mustContain: ["tajikistan", "afghanistan"] },
    { question: "tajikistan afghanistan csto whats the deal", mustContain: ["tajikistan", "afghanistan"] },
  ],
  "Kyrgyzstan 2010": [
    { question: "What did the CSTO do when Kyrgyzstan asked for help in 2010?", mustContain: ["2010", "kyrgyz"] },
    { question: "Why is the CSTO's response to the 2010 Kyrgyz crisis considered a failure?", mustContain: ["2010", "kyrgyz", "failure"] },
    { question: "Почему ОДКБ не помогла Киргизии в 2010 году?", mustContain: ["2010", "kyrgyz"] },
    { question: "kyrgyzstan 2010 csto no show why", mustContain: ["2010", "kyrgyz"] },
  ],
  "Operation Kanal": [
    { question: "Tell me about the CSTO's Kanal operation", mustContain: ["kanal", "drug"] },
    { question: "Which countries watched Operation Kanal?", mustContain: ["kanal", "interpol"] },
    { question: "Что за операция Канал у ОДКБ?", mustContain: ["kanal", "drug"] },
    { question: "csto anti drug thing kanal??", mustContain: ["kanal", "drug"] },
  ],
  "who is a member now": [
    {
      question: "Which countries are members of the CSTO today?",
      mustContain: ["russia", "belarus", "kazakhstan", "kyrgyzstan", "tajikistan", "armenia", "froz"],
    },
    { question: "List the current CSTO member states", mustContain: ["russia", "belarus", "kazakhstan", "kyrgyzstan", "tajikistan", "armenia", "froz"] },
    { question: "Какие страны сейчас входят в ОДКБ?", mustContain: ["russia", "belarus", "kazakhstan", "kyrgyzstan", "tajikistan", "armenia", "froz"] },
    { question: "who's in the csto rn", mustContain: ["russia", "belarus", "kazakhstan", "kyrgyzstan", "tajikistan", "armenia", "froz"] },
  ],
};

const cases = Object.entries(topics).flatMap(([topic, list]) => list.map((c) => ({ topic, ...c })));

describe("study core: the questions every student asks", () => {
  it.each(cases)("$topic: answers or offers first the facts for $question", ({ question, mustContain }) => {
    expectMentions(question, mustContain);
  });
});

describe("study core: the founding date is disputed", () => {
  it.each([
    "When did the CSTO come into existence?",
    "was the csto born in 1992 or 2002, i keep seeing both",
    "Когда появилась Организация Договора о коллективной безопасности?",
  ])("the answer to %j (or the entry offered first) gives both dates and says the documents disagree", (question) => {
    const haystack = answeredOrOffered(question);
    expect(haystack).toContain("1992");
    expect(haystack).toContain("2002");
    expect(haystack).toMatch(/disagree|disput|differ/);
  });
});

describe("study core: how many members", () => {
  it.each([
    "How many member states does the CSTO have?",
    "What is the number of CSTO members?",
    "Сколько стран в ОДКБ?",
    "how many countries r in csto",
  ])("the answer to %j gives six", (question) => {
    expect(shown(question)).toMatch(/\b(6|six)\b/);
  });
});

describe("study core: Uzbekistan is not a member", () => {
  it.each([
    "Is Uzbekistan a member of the CSTO?",
    "is uzbekistan a member",
    "Узбекистан член ОДКБ?",
    "uzbekistan still in csto?",
  ])("the answer to %j says no", (question) => {
    const haystack = shown(question);
    expect(haystack).toContain("uzbekistan");
    expect(haystack).toMatch(/\b(no|not)\b/);
  });
});

describe("study core: what the CSTO is, asked for in plain terms", () => {
  it.each([
    "what is the csto supposed to do?",
    "what's the point of the csto",
    "explain the csto simply",
    "Что такое ОДКБ простыми словами?",
    "Что такое ОДКБ и зачем она вообще нужна?",
  ])("the answer to %j is the organisation's overview", (question) => {
    expect(answers.ask(question).answer?.id).toBe("overview-what-is-the-csto");
  });

  it("still searches when a plea for plain terms comes with a topic, and offers help when it comes alone", () => {
    expect(answers.ask("what is the point of operation kanal").answer?.id).toBe("overview-operation-kanal");
    expect(answers.ask("what is the csto supposed to do for armenia").answer?.id).not.toBe("overview-what-is-the-csto");
    expect(answers.ask("what's the point").outcome).toBe("help");
  });
});
