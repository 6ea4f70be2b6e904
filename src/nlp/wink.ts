import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";

export type Wink = ReturnType<typeof winkNLP>;

// wink-nlp must be instantiated once per process: a second instance silently
// breaks pattern matching and many crash. Hence this single lazy instance.
let instance: Wink | null = null;

export function wink(): Wink {
  instance ??= winkNLP(model, ["sbd", "pos"]);
  return instance;
}
