package com.leadimport.domain.phone;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * libphonenumber's {@code isValidNumber} and {@code getNumberType} for one country calling code, on its own metadata,
 * with the patterns compiled to {@link DigitRegex} automata instead of run by the regex
 * engine: the same algorithm (pick the region by leading digits or by type among the
 * regions sharing the code, then: the general pattern and one type's pattern match, each
 * within its possible lengths), a fraction of the cost. Built only when every pattern it
 * needs is in the automata's subset; otherwise {@link #forCountryCode} is empty and callers
 * use libphonenumber itself. Differential tests hold the two to the same answers.
 */
final class NumberPlan {

    private final List<Region> regions;

    private NumberPlan(List<Region> regions) {
        this.regions = regions;
    }

    static Optional<NumberPlan> forCountryCode(int countryCode) {
        MetadataSource source = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
        List<Region> regions = new ArrayList<>();
        try {
            for (String code : PhoneNumberUtil.getInstance().getRegionCodesForCountryCode(countryCode)) {
                regions.add(Region.of(source.getMetadataForRegion(code)));
            }
        } catch (DigitRegex.Unsupported e) {
            return Optional.empty();
        }
        return regions.isEmpty() ? Optional.empty() : Optional.of(new NumberPlan(List.copyOf(regions)));
    }

    /** @param nsn the national significant number, digits only */
    boolean isValid(String nsn) {
        return classify(nsn).type() != PhoneNumberType.UNKNOWN;
    }

    /** libphonenumber's region and {@code getNumberType} for the number (UNKNOWN with a null region when invalid). */
    Classification classify(String nsn) {
        if (regions.size() == 1) {
            return new Classification(regions.get(0).code, regions.get(0).type(nsn));
        }
        for (Region region : regions) {
            if (region.leadingDigits != null) {
                if (region.leadingDigits.lookingAt(nsn)) {
                    return new Classification(region.code, region.type(nsn));
                }
            } else {
                PhoneNumberType type = region.type(nsn);
                if (type != PhoneNumberType.UNKNOWN) {
                    return new Classification(region.code, type);
                }
            }
        }
        return new Classification(null, PhoneNumberType.UNKNOWN);
    }

    /** The region a number belongs to and its type. */
    record Classification(String region, PhoneNumberType type) {
    }

    /** The types libphonenumber's getNumberTypeHelper tries before fixed line and mobile, in its order. */
    private static final List<PhoneNumberType> OTHER_TYPES = List.of(PhoneNumberType.PREMIUM_RATE,
            PhoneNumberType.TOLL_FREE, PhoneNumberType.SHARED_COST, PhoneNumberType.VOIP, PhoneNumberType.PERSONAL_NUMBER,
            PhoneNumberType.PAGER, PhoneNumberType.UAN, PhoneNumberType.VOICEMAIL);

    /** One region's descriptions, checked in libphonenumber's order. */
    private record Region(String code, DigitRegex leadingDigits, Desc general, List<Desc> others, Desc fixedLine,
                          Desc mobile, boolean sameMobileAndFixedLine) {

        static Region of(PhoneMetadata metadata) throws DigitRegex.Unsupported {
            DigitRegex leading = metadata.hasLeadingDigits() ? DigitRegex.compile(metadata.getLeadingDigits()) : null;
            List<PhoneNumberDesc> descs = List.of(metadata.getPremiumRate(), metadata.getTollFree(),
                    metadata.getSharedCost(), metadata.getVoip(), metadata.getPersonalNumber(), metadata.getPager(),
                    metadata.getUan(), metadata.getVoicemail());
            List<Desc> others = new ArrayList<>();
            for (PhoneNumberDesc desc : descs) {
                others.add(Desc.of(desc));
            }
            return new Region(metadata.getId(), leading, Desc.of(metadata.getGeneralDesc()), others,
                    Desc.of(metadata.getFixedLine()), Desc.of(metadata.getMobile()), metadata.getSameMobileAndFixedLinePattern());
        }

        /** libphonenumber's getNumberTypeHelper. */
        PhoneNumberType type(String nsn) {
            if (!matches(general, nsn)) {
                return PhoneNumberType.UNKNOWN;
            }
            for (int i = 0; i < others.size(); i++) {
                if (matches(others.get(i), nsn)) {
                    return OTHER_TYPES.get(i);
                }
            }
            if (matches(fixedLine, nsn)) {
                return sameMobileAndFixedLine || matches(mobile, nsn)
                        ? PhoneNumberType.FIXED_LINE_OR_MOBILE : PhoneNumberType.FIXED_LINE;
            }
            if (!sameMobileAndFixedLine && matches(mobile, nsn)) {
                return PhoneNumberType.MOBILE;
            }
            return PhoneNumberType.UNKNOWN;
        }

        private static boolean matches(Desc desc, String nsn) {
            return desc != null && desc.matches(nsn);
        }
    }

    /** A number description: its pattern and the lengths it allows (none listed: any). */
    private record Desc(DigitRegex pattern, boolean[] lengths) {

        /** @return null for a description with no pattern, which matches nothing */
        static Desc of(PhoneNumberDesc desc) throws DigitRegex.Unsupported {
            if (desc == null || !desc.hasNationalNumberPattern() || desc.getNationalNumberPattern().isEmpty()) {
                return null;
            }
            boolean[] lengths = null;
            if (desc.getPossibleLengthCount() > 0) {
                lengths = new boolean[32];
                for (int length : desc.getPossibleLengthList()) {
                    if (length >= 0 && length < lengths.length) {
                        lengths[length] = true;
                    }
                }
            }
            return new Desc(DigitRegex.compile(desc.getNationalNumberPattern()), lengths);
        }

        boolean matches(String nsn) {
            if (lengths != null && (nsn.length() >= lengths.length || !lengths[nsn.length()])) {
                return false;
            }
            return pattern.matches(nsn);
        }
    }
}
