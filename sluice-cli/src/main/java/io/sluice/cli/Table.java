package io.sluice.cli;

import java.io.PrintWriter;
import java.util.List;

/** Plain-text tables of the commands that list things. */
final class Table {
    private Table() {
    }

    /** Left-aligned columns, two spaces apart, trailing blanks trimmed. */
    static void print(PrintWriter out, List<String[]> rows) {
        if (rows.isEmpty()) {
            out.println("  (none)");
            return;
        }
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] row : rows) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], String.valueOf(row[i]).length());
            }
        }
        for (String[] row : rows) {
            StringBuilder sb = new StringBuilder("  ");
            for (int i = 0; i < cols; i++) {
                String cell = String.valueOf(row[i]);
                sb.append(cell);
                if (i < cols - 1) {
                    sb.append(" ".repeat(width[i] - cell.length() + 2));
                }
            }
            out.println(sb.toString().stripTrailing());
        }
    }
}
