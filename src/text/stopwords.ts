import { damerauLevenshtein } from "./edit-distance.js";
import { foldText } from "./normalize.js";

/** Words too common to tell entries apart; question words go too, since every query has them. */
export const ENGLISH_STOPWORDS = new Set(
  `a about above after again against all am an and any are aren as at be because been before being below between
  both but by can cannot could couldn did didn do does doesn doing don down during each few for from further had
  has have having he her here hers herself him himself his how i if in into is isn it its itself just let me more
  most my myself no nor not of off on once only or other ought our ours ourselves out over own same she should so
  some such than that the their theirs them themselves then there these they this those through to too under until
  up very was wasn we were weren what when where which while who whom why will with would you your yours
  yourself yourselves s t d ll m re ve y also tell explain describe according say says said think thinks know
  please pls u ur whats wat whos hows wheres thats many much lot lots stuff thing things kind sort really actually
  basically exactly mean means meant like get got give gave go goes went make makes made happen happened happens
  anything something everything one ones way ways bit gonna wanna gotta kinda sorta ever even anyway hey hi hello
  plz thx thanks lol idk tbh btw guys`.split(/\s+/),
);

/** Folded like every word it is compared with, so "какой" is found as "какои". */
export const RUSSIAN_STOPWORDS = new Set(
  `и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было вот от меня
  еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять уж вам ведь там
  потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже
  себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее
  сейчас были куда зачем всех никогда можно при наконец два об другой хоть после над больше тот через эти нас про
  всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им
  более всегда конечно всю между какие какой каким каких каков какова каково когда почему сколько чей чья чьё
  ли ль по-вашему согласно словам какую какое какого каком какими свой свои своей своего свое своим своих является такая такое такие`
    .split(/\s+/)
    .map(foldText),
);

/** Stop words long enough that one letter off is still recognisably them. */
const LONG_STOPWORDS = [...ENGLISH_STOPWORDS, ...RUSSIAN_STOPWORDS].filter((word) => word.length >= 5);

/** Whether a word the knowledge does not know is a stop word with one typo ("accroding", "aobut"). */
export function isMisspeltStopWord(word: string): boolean {
  return word.length >= 5 && LONG_STOPWORDS.some((stopWord) => damerauLevenshtein(word, stopWord, 1) === 1);
}
