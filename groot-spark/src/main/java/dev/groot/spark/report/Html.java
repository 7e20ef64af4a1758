package dev.groot.spark.report;

import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** A tiny HTML builder: escaping, headings, tables and embedded PNG images; nothing external. */
final class Html {

    private final StringBuilder sb = new StringBuilder();

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Four decimals, '-' for a missing value; fixed locale so numbers read the same everywhere. */
    static String number(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    Html raw(String html) {
        sb.append(html);
        return this;
    }

    Html heading(int level, String id, String text) {
        sb.append("<h").append(level).append(" id=\"").append(escape(id)).append("\">").append(escape(text))
                .append("</h").append(level).append(">\n");
        return this;
    }

    Html paragraph(String text) {
        sb.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    Html image(String alt, byte[] png) {
        sb.append("<figure><img alt=\"").append(escape(alt)).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\"><figcaption>").append(escape(alt))
                .append("</figcaption></figure>\n");
        return this;
    }

    Html table(List<String> header, List<List<String>> rows) {
        sb.append("<table>\n<thead><tr>");
        for (String h : header) {
            sb.append("<th>").append(escape(h)).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            sb.append("<tr>");
            for (String cell : row) {
                sb.append("<td>").append(escape(cell)).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
        return this;
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
