package io.mintp2p.examples.chain.logic;

import java.util.Optional;

/**
 * What {@link Chain#add} made of a batch of blocks.
 *
 * @param added   blocks stored (known ones and those a full store refused not counted)
 * @param invalid why the first invalid block was refused (the batch stops there); empty if none was
 * @param orphan  whether the batch stopped at a block whose parent is unknown (we are behind: sync)
 * @param newTip  the new tip, when the batch moved it
 */
public record Outcome(int added, Optional<Invalid> invalid, boolean orphan, Optional<Block> newTip) {
}
