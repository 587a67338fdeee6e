package io.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NameOrderTest {

    @Test
    void ordersLikeStringCompareToOnHandPickedNames() {
        String[] names = {"b", "ab", "a", "abc", "", "a\u00e9", "a\u4e2d", "A", "a", "ab "};
        int[] order = NameOrder.of(names);
        String[] sorted = Arrays.stream(order).mapToObj(i -> names[i]).toArray(String[]::new);
        assertThat(sorted).containsExactly("", "A", "a", "a", "ab", "ab ", "abc", "a\u00e9", "a\u4e2d", "b");
    }

    @Test
    void equalNamesKeepTheirRelativeOrder() {
        String[] names = new String[100];
        Arrays.fill(names, "same");
        names[50] = "other";
        int[] order = NameOrder.of(names);
        assertThat(order[0]).isEqualTo(50);
        assertThat(Arrays.copyOfRange(order, 1, 4)).containsExactly(0, 1, 2);
    }

    @Test
    void ordersLikeStringCompareToOnManyNamesWithLongSharedPrefixes() {
        Random r = new Random(3);
        String[] names = new String[20_000];
        String alphabet = "ab.(),-> [\u00e9\u4e2d_0123456789";
        for (int i = 0; i < names.length; i++) {
            StringBuilder sb = new StringBuilder(i % 3 == 0 ? "lambda$build$1f2e$1(" : i % 3 == 1 ? "ns." : "");
            int len = r.nextInt(12);
            for (int k = 0; k < len; k++) {
                sb.append(alphabet.charAt(r.nextInt(r.nextInt(10) == 0 ? alphabet.length() : 4)));
            }
            names[i] = sb.toString();
        }
        String[] expected = names.clone();
        Arrays.sort(expected);
        String[] actual = Arrays.stream(NameOrder.of(names)).mapToObj(i -> names[i]).toArray(String[]::new);
        assertThat(actual).isEqualTo(expected);
    }
}
