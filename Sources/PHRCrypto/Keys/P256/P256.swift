/// NIST P-256 (secp256r1): ECDSA with SHA-256 (``P256/Signing``) and ECDH (``P256/KeyAgreement``).
public enum P256 {
    /// ECDSA over P-256 with SHA-256; signatures are raw 64-byte `r || s` (IEEE P1363 / COSE form).
    public enum Signing {}
    /// ECDH over P-256.
    public enum KeyAgreement {}
}
