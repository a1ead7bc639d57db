package io.cadenza.terraform.plugin;

import java.io.ByteArrayOutputStream;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * The provider's TLS identity for Terraform's AutoMTLS: a fresh ECDSA P-256 key and a self-signed certificate for
 * {@code localhost} (and 127.0.0.1), usable as server and client certificate and as its own CA, which is what
 * go-plugin's client checks (it trusts exactly the certificate we print in the handshake). Written as DER by hand
 * because the JDK has no public certificate builder and a crypto library would cost start-up time.
 */
public record SelfSignedCertificate(KeyPair keyPair, byte[] der, X509Certificate certificate) {

    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");

    public static SelfSignedCertificate generate() throws GeneralSecurityException {
        return generate("secp256r1", "SHA256withECDSA", oid(1, 2, 840, 10045, 4, 3, 2), "Cadenza");
    }

    /** Also used by tests to make a P-521 certificate like the one go-plugin gives Terraform's side. */
    static SelfSignedCertificate generate(String curve, String signatureAlgorithm, byte[] signatureOid,
                                          String organisation) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        KeyPair keys = generator.generateKeyPair();
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        byte[] name = seq(set(seq(oid(2, 5, 4, 10), tlv(0x0c, utf8(organisation)))),
                set(seq(oid(2, 5, 4, 3), tlv(0x0c, utf8("localhost")))));
        byte[] algorithm = seq(signatureOid);
        byte[] extensions = seq(
                extension(oid(2, 5, 29, 19), true, seq(tlv(0x01, new byte[]{(byte) 0xff}))),
                // digitalSignature, keyEncipherment, keyCertSign
                extension(oid(2, 5, 29, 15), true, tlv(0x03, new byte[]{2, (byte) 0xa4})),
                extension(oid(2, 5, 29, 37), false, seq(oid(1, 3, 6, 1, 5, 5, 7, 3, 1), oid(1, 3, 6, 1, 5, 5, 7, 3, 2))),
                extension(oid(2, 5, 29, 17), false, seq(tlv(0x82, utf8("localhost")),
                        tlv(0x87, new byte[]{127, 0, 0, 1}))));
        byte[] tbs = seq(
                tlv(0xa0, tlv(0x02, new byte[]{2})),
                tlv(0x02, new BigInteger(64, new SecureRandom()).add(BigInteger.ONE).toByteArray()),
                algorithm,
                name,
                seq(tlv(0x17, utf8(UTC_TIME.format(now.minusMinutes(5)))),
                        tlv(0x17, utf8(UTC_TIME.format(now.plusYears(1))))),
                name,
                keys.getPublic().getEncoded(),
                tlv(0xa3, extensions));
        Signature signer = Signature.getInstance(signatureAlgorithm);
        signer.initSign(keys.getPrivate());
        signer.update(tbs);
        byte[] signature = signer.sign();
        byte[] bitString = new byte[signature.length + 1];
        System.arraycopy(signature, 0, bitString, 1, signature.length);
        byte[] der = seq(tbs, algorithm, tlv(0x03, bitString));
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        return new SelfSignedCertificate(keys, der, cert);
    }

    public String certificatePem() {
        return pem("CERTIFICATE", der);
    }

    public String privateKeyPem() {
        return pem("PRIVATE KEY", keyPair.getPrivate().getEncoded());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] extension(byte[] oid, boolean critical, byte[] value) {
        return critical ? seq(oid, tlv(0x01, new byte[]{(byte) 0xff}), tlv(0x04, value)) : seq(oid, tlv(0x04, value));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] seq(byte[]... parts) {
        return tlv(0x30, concat(parts));
    }

    private static byte[] set(byte[]... parts) {
        return tlv(0x31, concat(parts));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int len = value.length;
        if (len < 0x80) {
            out.write(len);
        } else if (len < 0x100) {
            out.write(0x81);
            out.write(len);
        } else {
            out.write(0x82);
            out.write(len >> 8);
            out.write(len & 0xff);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    static byte[] oid(int... arcs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(arcs[0] * 40 + arcs[1]);
        for (int i = 2; i < arcs.length; i++) {
            int v = arcs[i];
            int shift = 28;
            while (shift > 0 && (v >> shift) == 0) {
                shift -= 7;
            }
            for (; shift > 0; shift -= 7) {
                out.write(0x80 | ((v >> shift) & 0x7f));
            }
            out.write(v & 0x7f);
        }
        return tlv(0x06, out.toByteArray());
    }
}
