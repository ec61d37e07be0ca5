package dev.coffer.template.parse;

/** One named template (the main body, a define or a block) and the source it came from. */
public record Tree(String name, Node.ListNode root, SourceText source) {
    /** Go's IsEmptyTree: only whitespace text, so a later definition may replace it. */
    public boolean isEmpty() {
        return isEmpty(root);
    }

    private static boolean isEmpty(Node node) {
        if (node instanceof Node.Text t) {
            return t.text().isBlank();
        }
        if (node instanceof Node.ListNode l) {
            return l.nodes().stream().allMatch(Tree::isEmpty);
        }
        return false;
    }
}
