package io.topicnmf.analysis;

import org.apache.lucene.util.AttributeImpl;
import org.apache.lucene.util.AttributeReflector;

/**
 * The implementation of {@link SurfaceFormAttribute} (found by Lucene's attribute factory by its
 * name): the token's index into the stream's originals, which copies and captured states share.
 */
public final class SurfaceFormAttributeImpl extends AttributeImpl implements SurfaceFormAttribute {
  private Originals originals = new Originals();
  private int index = -1;

  @Override
  public Originals originals() {
    return originals;
  }

  @Override
  public int originalIndex() {
    return index;
  }

  @Override
  public void setOriginalIndex(int index) {
    this.index = index;
  }

  @Override
  public void clear() {
    index = -1;
  }

  @Override
  public void copyTo(AttributeImpl target) {
    SurfaceFormAttributeImpl t = (SurfaceFormAttributeImpl) target;
    t.originals = originals;
    t.index = index;
  }

  @Override
  public void reflectWith(AttributeReflector reflector) {
    reflector.reflect(SurfaceFormAttribute.class, "originalIndex", index);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SurfaceFormAttributeImpl other && other.index == index && other.originals == originals;
  }

  @Override
  public int hashCode() {
    return index;
  }
}
