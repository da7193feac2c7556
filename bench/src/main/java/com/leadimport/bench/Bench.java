package com.leadimport.bench;

public final class Bench {
    public static void main(String[] args) {
        System.out.println("not yet");
    }
}
