package platformdb.behaviour.content;

import java.util.StringJoiner;

/** Embeddings of the platform's one dimension (1536), written as pgvector text literals. */
final class Embeddings {

    static final int DIMENSION = 1536;

    private Embeddings() {
    }

    /** A vector whose first components are the values given and whose other components are 0. */
    static String of(double... leading) {
        StringJoiner vector = new StringJoiner(",", "[", "]");
        for (int i = 0; i < DIMENSION; i++) {
            vector.add(i < leading.length ? Double.toString(leading[i]) : "0");
        }
        return vector.toString();
    }
}
