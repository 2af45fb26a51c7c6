package io.mintp2p.examples.chain.logic;

import java.util.List;
import java.util.Optional;

/**
 * What {@link Chain#check} made of a list of headers a peer sent.
 *
 * @param invalid why the list is invalid, if it is (then {@code missing} is empty)
 * @param missing the hashes of the headers whose blocks we lack, in chain order, at most {@link Chain#MAX_BLOCKS}
 */
public record HeaderCheck(Optional<Invalid> invalid, List<Hash> missing) {
}
