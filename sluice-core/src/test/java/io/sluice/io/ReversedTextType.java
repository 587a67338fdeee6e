package io.sluice.io;

import java.util.List;
import java.util.Map;

/** A dataset type contributed through ServiceLoader, as sluice-datasets will contribute parquet. */
public class ReversedTextType implements DatasetType {
    @Override
    public String name() {
        return "reversed";
    }

    @Override
    public List<String> aliases() {
        return List.of("ReversedTextDataset");
    }

    @Override
    public Dataset<?> create(DatasetConfig config) {
        TextDataset text = new TextDataset(config);
        return new Dataset<String>() {
            @Override
            public String load() {
                return new StringBuilder(text.load()).reverse().toString();
            }

            @Override
            public void save(String data) {
                text.save(new StringBuilder(data).reverse().toString());
            }

            @Override
            public boolean exists() {
                return text.exists();
            }

            @Override
            public Map<String, Object> describe() {
                return text.describe();
            }
        };
    }
}
