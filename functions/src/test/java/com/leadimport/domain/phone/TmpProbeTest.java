package com.leadimport.domain.phone;

import com.google.i18n.phonenumbers.*;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.leadimport.domain.request.Format;
import com.leadimport.domain.request.Format.FormatPreset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TmpProbeTest {
    static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    static Optional<String> reference(String raw, String region, int code, boolean national) {
        try {
            PhoneNumber number = UTIL.parse(raw, region);
            if (number.getCountryCode() != code || number.hasExtension() || !UTIL.isValidNumber(number)) return Optional.empty();
            return Optional.of(national ? UTIL.format(number, PhoneNumberFormat.NATIONAL).replaceAll("\\D", "")
                    : "00" + UTIL.format(number, PhoneNumberFormat.E164).substring(1));
        } catch (NumberParseException e) { return Optional.empty(); }
    }
    @Test
    void probe() {
        PhoneFormatter aus = PhoneFormatter.forSettings(Format.preset(FormatPreset.INTERNATIONAL_AUS), "");
        int bad = 0;
        String[][] ranges = {{"1831", "", "5"}, {"1832", "", "5"}, {"611", "", "6"}, {"1831", "+61", "5"}, {"1832", "0061 ", "5"}, {"1831", "61", "5"}};
        for (String[] r : ranges) {
            int n = Integer.parseInt(r[2]);
            int max = (int) Math.pow(10, n);
            for (int i = 0; i < max; i++) {
                String tail = String.valueOf(max + i).substring(1);
                String raw = r[1] + r[0] + tail;
                Optional<String> exp = reference(raw, "AU", 61, false);
                Optional<String> act = aus.format(raw).map(FormattedPhone::display);
                if (!exp.equals(act)) { if (bad++ < 15) System.out.println("DIFF " + raw + " ref=" + exp + " ours=" + act); }
            }
        }
        System.out.println("total diffs " + bad);
    }
}
