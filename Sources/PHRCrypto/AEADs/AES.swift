/// AES-based constructions: ``AES/GCM`` (AEAD) and ``AES/KeyWrap`` (RFC 3394).
public enum AES {}
