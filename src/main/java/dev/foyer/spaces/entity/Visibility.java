package dev.foyer.spaces.entity;

public enum Visibility {
  PUBLIC,
  PRIVATE
}
