package io.branchline.engine.policy;

/**
 * One rule a prompt breaks.
 *
 * @param rule       the rule
 * @param start      offset in the prompt of the words at fault, or -1 when the whole prompt is (similarity)
 * @param end        offset just past them
 * @param person     for {@link Rule#PERSON}, the person as the policy names them; else null
 * @param unrecorded for {@link Rule#PERSON}: the story has a consent line for the person that does not
 *                   say how and when they consented (a warning, not a refusal)
 * @param evidence   why, in a few words: the words found or the similarity to the rule's examples
 */
public record PolicyFinding(Rule rule, int start, int end, String person, boolean unrecorded, String evidence) {
}
