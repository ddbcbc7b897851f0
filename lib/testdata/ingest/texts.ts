/** Story texts written for the copy-detection tests (not from any real outlet). */

/** A wire story, as an agency sent it. */
export const WIRE = [
  "SEOUL, June 19 - North Korea and Russia signed a comprehensive strategic partnership on",
  "Wednesday that includes a pledge of mutual assistance if either country is attacked, the",
  "North's state media said. The agreement was signed during a visit to Pyongyang by the Russian",
  "president, his first trip to the country in 24 years. Analysts in Seoul said the deal could",
  "deepen military cooperation between the two countries, which are both under Western",
  "sanctions. South Korea's foreign ministry said it was reviewing the text and would respond",
  "after consulting its allies. The United States has accused Pyongyang of supplying artillery",
  "shells and ballistic missiles for use in Ukraine, which both governments deny. The two leaders",
  "also discussed cooperation in energy, transport and tourism, according to the report.",
  "Officials in Tokyo said they were gravely concerned by the pact and would coordinate closely",
  "with Washington and Seoul. China, the North's main ally and trading partner, made no immediate",
  "comment on the treaty. The visit included a gala concert and a ceremony at a square in central",
  "Pyongyang, where tens of thousands of people lined the streets, state television showed.",
].join(" ");

/** The same story run by another outlet: first sentence rewritten, same body. */
export const WIRE_EDITED = [
  "Pyongyang and Moscow have agreed to come to each other's defence, the two governments",
  "announced on Wednesday after talks in the North Korean capital.",
  WIRE.slice(WIRE.indexOf("The agreement was signed")),
].join(" ");

/** Another article on the same event, written independently. */
export const SAME_EVENT = [
  "Russian President Vladimir Putin was greeted by Kim Jong Un at Pyongyang airport in the early",
  "hours of Wednesday, and the two men later put their names to a treaty that Moscow described as",
  "a breakthrough. Washington and Seoul reacted with alarm, warning that any transfer of Russian",
  "military technology would violate United Nations resolutions. Experts cautioned that the",
  "mutual defence clause echoes a 1961 treaty between the Soviet Union and North Korea and that",
  "its practical meaning remains unclear. Putin left for Vietnam in the evening.",
].join(" ");
